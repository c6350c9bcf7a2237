using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PetStore.Cedar;
using PetStore.Configuration;
using PetStore.Benchmarks.Cost;
using PetStore.Contract;

namespace PetStore.Benchmarks.Cost;

/// <summary>
/// What a million requests cost across the whole request path, from a traffic model (benchmarks/cost/traffic-model.json),
/// the deployment as cdk.json configures it (read through the app's configuration loader), measured function durations
/// (durations.json) and dated prices (pricing.json). Compares (a) every protected request through the Lambda authorizer
/// and Verified Permissions, uncached, with (b) this project: the Lambda authorizer on every protected route, which asks
/// Verified Permissions only on policy routes, behind API Gateway's caches: per token on signed-in routes, and as the
/// policies in cedar/ allow on policy routes (<see cref="DecisionCacheRule"/>: per token, verb and route, or not at all
/// on a route whose policies read a path parameter).
/// </summary>
public static class CostModel
{
    /// <summary>The design goal: at least this share of Verified Permissions calls saved against authorizing every protected request.</summary>
    public const double TargetReduction = 0.90;

    public const string DefaultEnvironment = "prod";

    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <param name="check">Fail (exit 1) when the design misses <see cref="TargetReduction"/> or an environment's cost exceeds its budget.</param>
    public static int Run(string root, TextWriter output, bool check = false, string environment = DefaultEnvironment)
    {
        var folder = Path.Combine(root, "benchmarks", "cost");
        var prices = Read<PriceList>(Path.Combine(folder, "pricing.json")).Prices;
        var model = Read<TrafficModel>(Path.Combine(folder, "traffic-model.json"));
        var durations = Read<FunctionDurations>(Path.Combine(folder, "durations.json"));
        var budget = Read<CostBudget>(Path.Combine(folder, "budget.json"));
        var environments = Environments(root);
        DecisionInputs inputs;
        using (var engine = CedarEngine.Start(PetStore.NodeTools.NodeTools.Locate(root)))
            inputs = PolicyStoreFiles.Load(Path.Combine(root, "cedar"), engine).Inputs;

        var resources = BillableResources.For(ConfigLoader.Parse(environments, environment));
        var (uncached, project) = Designs(model, resources, inputs, inputs.Plans, durations, prices);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Environment {environment} as cdk.json configures it: token lifetime {resources.AccessTokenValidityMinutes} min, authorizer cache {resources.AuthorizerCacheTtlSeconds} s, " +
            $"functions {string.Join(", ", resources.Functions.Select(f => f.MemorySizeMb).Distinct().Order())} MB {resources.Functions[0].Architecture.ToString().ToLowerInvariant()}. " +
            $"Traffic: {model.DailyActiveUsers:N0} daily and {model.MonthlyActiveUsers:N0} monthly active users, {project.Traffic.Requests / model.Days:N0} requests a day. " +
            $"Prices found {prices.OldestFound} or later (benchmarks/cost/pricing.json)."));

        var defaulted = RouteTable.All.Select(r => r.Operation).Distinct().Where(o => !model.ResponseBytes.ContainsKey(o)).ToList();
        if (defaulted.Count > 0)
            output.WriteLine($"Priced at the default answer size ({model.DefaultResponseBytes} bytes; responseBytes in traffic-model.json): {string.Join(", ", defaulted)}.");
        var unmeasured = ApiManifest.Functions.Select(f => f.Type).Where(t => !durations.Functions.ContainsKey(t)).ToList();
        if (unmeasured.Count > 0)
            output.WriteLine($"Not measured yet, priced as the slowest measured function (durations.json): {string.Join(", ", unmeasured)}.");

        output.WriteLine();
        output.WriteLine($"The whole request path, per million requests (design b, {environment}):");
        output.WriteLine("| service | billed for | $ per million requests | share |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (var service in project.Services)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {service.Service} | {service.BilledFor} | {service.UsdPerMillion:F2} | {service.UsdPerMillion / project.TotalUsdPerMillion:P1} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **total, billed per request** | | **{project.TotalUsdPerMillion:F2}** | 100 % |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cognito, billed per monthly active user instead: {model.MonthlyActiveUsers:N0} MAU on {project.CognitoPlan} cost ${project.CognitoUsdPerMonth:N0} a month, " +
            $"${project.CognitoUsdPerMillion:F2} per million over the month's {project.Traffic.Requests / (double)model.Days * model.DaysPerMonth / 1e6:F1} million requests; " +
            $"with it, the path costs ${project.AllInUsdPerMillion:F2} per million requests."));

        output.WriteLine();
        output.WriteLine("Lambda, function by function (design b):");
        output.WriteLine("| function | invocations per million requests | memory (MB) | architecture | runtime | billed ms warm / cold | $ per million requests |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var function in project.Functions)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {function.Function} | {function.InvocationsPerMillion:N0} | {function.MemorySizeMb} | {function.Architecture.ToString().ToLowerInvariant()} | {function.Runtime.ToString().ToLowerInvariant()} | {function.WarmBilledMs} / {function.ColdBilledMs} | {function.UsdPerMillion:F3} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"A warm invocation bills our code (measured) plus the AWS call it waits for (assumed); {model.ColdStartShare:P0} of invocations are cold and bill the measured cold start instead (durations.json, measured {durations.Measured})."));

        output.WriteLine();
        output.WriteLine("Route by route (design b): what one request makes Verified Permissions and DynamoDB do, and what that costs (benchmarks/PetStore.Benchmarks/Cost/RouteUsage.cs):");
        output.WriteLine("| route | requests per million | AVP calls per request: authorizer / function / function's batches | DynamoDB read / write units per request | AVP and DynamoDB $ per million requests of the route |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (route, totals) in project.Traffic.ByRoute.OrderBy(r => r.Key.Path, StringComparer.Ordinal).ThenBy(r => r.Key.Method, StringComparer.Ordinal))
        {
            // A route no simulated session calls is shown as one request of an owner's would cost.
            var each = totals.Requests > 0
                ? totals with { Requests = 1, AuthorizerAvpCalls = 0 }
                : RouteTotals.Zero.Add(false, RouteUsage.For(route, model, Groups.Owners, model.Roles.GetValueOrDefault(Groups.Owners) ?? model.Roles.Values.First(), ListPlan.ScanAlways), route.Access == Access.Resource);
            double PerRequest(double value) => totals.Requests > 0 ? value / totals.Requests : value;
            var usd = PerRequest(totals.Requests > 0 ? totals.AuthorizerAvpCalls + totals.HandlerAvpCalls : each.HandlerAvpCalls) * prices.VerifiedPermissionsPerSingleAuthorization.Usd
                + PerRequest(each.AvpBatchCalls) * prices.VerifiedPermissionsPerBatchAuthorization.Usd
                + PerRequest(each.ReadUnits) * prices.DynamoDbOnDemandPerMillionReadUnits.Usd / 1e6
                + PerRequest(each.WriteUnits) * prices.DynamoDbOnDemandPerMillionWriteUnits.Usd / 1e6;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {route} | {(totals.Requests > 0 ? (totals.Requests * 1e6 / project.Traffic.Requests).ToString("N0", CultureInfo.InvariantCulture) : "none in the model")} | " +
                $"{(totals.Requests > 0 ? PerRequest(totals.AuthorizerAvpCalls) : 0):0.###} / {PerRequest(each.HandlerAvpCalls):0.###} / {PerRequest(each.AvpBatchCalls):0.###} | " +
                $"{PerRequest(each.ReadUnits):0.###} / {PerRequest(each.WriteUnits):0.###} | {usd * 1e6:F2} |"));
        }

        output.WriteLine();
        output.WriteLine("The two designs:");
        output.WriteLine("| design | requests | protected | authorizer invocations | AVP calls | AVP calls per 1,000 requests | $ per million requests, per-request services | with Cognito |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var design in new[] { uncached, project })
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {design.Traffic.Design} | {design.Traffic.Requests:N0} | {design.Traffic.ProtectedRequests:N0} | {design.Traffic.AuthorizerInvocations:N0} | {design.Traffic.AvpCalls:N0} | {design.Traffic.AvpCallsPer1000:F1} | {design.TotalUsdPerMillion:F2} | {design.AllInUsdPerMillion:F2} |"));
        // The target is the authorizer's: a resource route's function asks on every request, as no cache may answer for a resource that changes.
        var reduction = 1 - (double)(project.Traffic.AvpCalls - project.Traffic.HandlerAvpCalls) / uncached.Traffic.AuthorizerDecidedRequests;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Verified Permissions calls: {1 - (double)project.Traffic.AvpCalls / uncached.Traffic.AvpCalls:P1} fewer with the project's design; on the routes the authorizer decides, {reduction:P1} fewer " +
            $"(target {TargetReduction:P0}); resource routes' functions ask on each of their {project.Traffic.HandlerAvpCalls:N0} requests. The per-request services cost {Math.Abs(1 - project.TotalUsdPerMillion / uncached.TotalUsdPerMillion):P0} {(project.TotalUsdPerMillion <= uncached.TotalUsdPerMillion ? "less" : "more")}."));

        output.WriteLine();
        output.WriteLine("Sensitivity to the policy routes' authorizer cache TTL (authorization.cacheTtlSeconds; design b):");
        output.WriteLine("| TTL (s) | AVP calls per 1,000 requests | fewer than (a) | total $ per million requests |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (var ttl in new[] { 0, 60, 120, 300, 900 })
        {
            var (_, withTtl) = Designs(model, resources with { AuthorizerCacheTtlSeconds = ttl }, inputs, inputs.Plans, durations, prices);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {ttl} | {withTtl.Traffic.AvpCallsPer1000:F1} | {1 - (double)withTtl.Traffic.AvpCalls / uncached.Traffic.AvpCalls:P1} | {withTtl.TotalUsdPerMillion:F2} |"));
        }

        // What a new kind of condition costs: a policy on a route's path parameter turns that route's cache off.
        output.WriteLine();
        output.WriteLine("If a policy read a path parameter of a route (that route not cached, design b):");
        output.WriteLine("| route | AVP calls per 1,000 requests | fewer than (a) | Verified Permissions $ per million requests | total $ per million requests |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var route in RouteTable.All.Where(r => r.Access == Access.Policy && r.PathParameters.Count > 0))
        {
            IReadOnlyDictionary<Route, DecisionCachePlan> WithCondition(int ttl) => inputs.Plans(ttl).ToDictionary(p => p.Key, p => p.Key == route
                ? DecisionCacheRule.Plan([.. inputs.For(route), new RequestInput(RequestInputKind.PathParameter, route.PathParameters[0])], ttl)
                : p.Value);
            var (_, withCondition) = Designs(model, resources, inputs, WithCondition, durations, prices);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {route} | {withCondition.Traffic.AvpCallsPer1000:F1} | {1 - (double)withCondition.Traffic.AvpCalls / uncached.Traffic.AvpCalls:P1} | {withCondition.Service(PathCost.VerifiedPermissions).UsdPerMillion:F2} | {withCondition.TotalUsdPerMillion:F2} |"));
        }

        if (!check) return 0;
        output.WriteLine();
        var failures = new List<string>();
        if (reduction < TargetReduction)
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{reduction:P1} fewer Verified Permissions calls on the routes the authorizer decides is below the {TargetReduction:P0} target"));
        var configured = JsonNode.Parse(environments)!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var name in configured.Where(n => !budget.Environments.ContainsKey(n)))
            output.WriteLine($"{name}: not checked, it has no budget in benchmarks/cost/budget.json (add one: its cost is printed by cost --env {name}).");
        foreach (var name in budget.Environments.Keys.Where(n => !configured.Contains(n)).Order(StringComparer.Ordinal))
            failures.Add($"benchmarks/cost/budget.json has a budget for {name}, which cdk.json does not configure; remove it");
        foreach (var (name, reference) in budget.Environments.Where(e => configured.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var (_, cost) = Designs(model, BillableResources.For(ConfigLoader.Parse(environments, name)), inputs, inputs.Plans, durations, prices);
            var limit = budget.Limit(name);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{name}: ${cost.AllInUsdPerMillion:F2} per million requests with Cognito; budget ${reference.UsdPerMillionRequests:F2} (set {reference.Set}) + {budget.AllowedIncreasePercent} % = ${limit:F2}");
            output.WriteLine(line);
            if (cost.AllInUsdPerMillion > limit)
                failures.Add($"{line}. If the increase is meant, raise the reference in benchmarks/cost/budget.json in the same change and say why");
        }
        foreach (var failure in failures) output.WriteLine($"FAILED: {failure}.");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <param name="plans">Each policy route's cache plan for a TTL: the policies' (<see cref="DecisionInputs.Plans"/>) or a what-if.</param>
    private static (PathCost Uncached, PathCost Project) Designs(TrafficModel model, BillableResources resources, DecisionInputs inputs,
        Func<int, IReadOnlyDictionary<Route, DecisionCachePlan>> plans, FunctionDurations durations, Prices prices)
    {
        // Both designs pay the resource routes' own decisions: no authorizer can make them.
        var uncached = TrafficSimulation.Run("(a) every protected request through AVP, no cache", model, resources.AccessTokenValidityMinutes, resources.GroupsSigningInWithMfa,
            route => route.Access != Access.Public, new NoAuthorizerCache(), inputs.OrdersListPlan, route => route.Access == Access.Resource);
        var project = TrafficSimulation.Run($"(b) this project: reads answered without AVP (cached {resources.SignedInCacheTtlSeconds} s per token), AVP with a {resources.AuthorizerCacheTtlSeconds} s cache for policy routes as the policies allow, and once per request on a resource route (by its function)",
            model, resources.AccessTokenValidityMinutes, resources.GroupsSigningInWithMfa, route => route.Access == Access.Policy,
            new PlannedAuthorizerCache(plans(resources.AuthorizerCacheTtlSeconds), DecisionCacheRule.SignedInPlan(resources.SignedInCacheTtlSeconds)),
            inputs.OrdersListPlan, route => route.Access == Access.Resource);
        return (PathCost.For(uncached, resources, model, durations, prices), PathCost.For(project, resources, model, durations, prices));
    }

    /// <summary>cdk.json's <c>context.environments</c>, as the CDK app reads it.</summary>
    private static string Environments(string root)
    {
        var path = Path.Combine(root, "cdk.json");
        return JsonNode.Parse(File.ReadAllText(path))?["context"]?[ConfigLoader.EnvironmentsKey]?.ToJsonString()
            ?? throw new InvalidDataException($"{path}: context.{ConfigLoader.EnvironmentsKey} is missing.");
    }

    private static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Strict) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Path}: {e.Message}", e);
        }
    }
}
