using System.Globalization;
using System.Text.Json;
using PetStore.Cedar;
using PetStore.Contract;

namespace PetStore.Benchmarks.Cost;

public sealed record Pricing(
    string AsOf,
    double ApiGatewayRestPerMillionRequests,
    double LambdaPerMillionRequests,
    double LambdaArm64PerGbSecond,
    double LambdaX86PerGbSecond,
    double VerifiedPermissionsPerMillionIsAuthorized,
    double CognitoAuthorizerPerMillionRequests);

public sealed record Role(double Share, int SessionsPerDay, double SessionMinutes, double RequestsPerMinute, Dictionary<string, double> Mix);

public sealed record LambdaCosts(string Architecture, int MemoryMb, double HandlerBilledMs, double AuthorizerBilledMs);

public sealed record TrafficModel(int Seed, int Days, int DailyActiveUsers, double TokenLifetimeMinutes, int AuthorizerCacheTtlSeconds,
    Dictionary<string, Role> Roles, LambdaCosts Lambda);

/// <summary>What one design pays for a simulated day of traffic.</summary>
public sealed record DesignResult(string Design, long Requests, long ProtectedRequests, long HandlerInvocations, long AuthorizerInvocations, long AvpCalls)
{
    public double AvpCallsPer1000 => 1000.0 * AvpCalls / Requests;
}

/// <summary>
/// Verified Permissions calls and cost per million requests, from a traffic model (benchmarks/cost/traffic-model.json)
/// and dated prices (benchmarks/cost/pricing.json). Simulates every session of a day, seeded so the result is the same
/// each run, and compares (a) every protected request through the Lambda authorizer and Verified Permissions, no cache,
/// with (b) this project: the Cognito authorizer on signed-in routes, the Lambda authorizer with API Gateway's result
/// cache on policy routes, cached as the policies in cedar/ allow (<see cref="DecisionCacheRule"/>: per token, verb and
/// route, or not at all on a route whose policies read a path parameter). Route access comes from the route table.
/// </summary>
public static class CostModel
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The design goal: at least this share of Verified Permissions calls saved against authorizing every protected request.</summary>
    public const double TargetReduction = 0.90;

    /// <param name="check">Fail (exit 1) when the model misses <see cref="TargetReduction"/>, so CI notices a change that does.</param>
    public static int Run(string root, TextWriter output, bool check = false)
    {
        var pricing = Read<Pricing>(Path.Combine(root, "benchmarks", "cost", "pricing.json"));
        var model = Read<TrafficModel>(Path.Combine(root, "benchmarks", "cost", "traffic-model.json"));
        DecisionInputs inputs;
        using (var engine = CedarEngine.Start(PetStore.NodeTools.NodeTools.Locate(root)))
            inputs = PolicyStoreFiles.Load(Path.Combine(root, "cedar"), engine).Inputs;
        var (uncached, project) = Simulate(model, inputs.Plans);

        output.WriteLine($"Traffic model: {model.DailyActiveUsers:N0} daily active users, token lifetime {model.TokenLifetimeMinutes} min, " +
            $"authorizer cache {model.AuthorizerCacheTtlSeconds} s; prices as of {pricing.AsOf}; Lambda {model.Lambda.Architecture} {model.Lambda.MemoryMb} MB.");
        output.WriteLine();
        output.WriteLine("| design | requests | protected | authorizer invocations | AVP calls | AVP calls per 1,000 requests | API Gateway $/M | Lambda $/M | AVP $/M | total $/M requests |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var result in new[] { uncached, project })
        {
            var (api, lambda, avp) = CostPerMillion(result, pricing, model.Lambda);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Design} | {result.Requests:N0} | {result.ProtectedRequests:N0} | {result.AuthorizerInvocations:N0} | {result.AvpCalls:N0} | {result.AvpCallsPer1000:F1} | {api:F2} | {lambda:F2} | {avp:F2} | {api + lambda + avp:F2} |"));
        }
        var reduction = 1 - (double)project.AvpCalls / uncached.AvpCalls;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Verified Permissions calls: {reduction:P1} fewer with the project's design."));

        output.WriteLine();
        output.WriteLine("Sensitivity to the authorizer cache TTL (design b):");
        output.WriteLine("| TTL (s) | AVP calls per 1,000 requests | fewer than (a) |");
        output.WriteLine("| --- | --- | --- |");
        foreach (var ttl in new[] { 0, 60, 120, 300, 900 })
        {
            var (_, withTtl) = Simulate(model with { AuthorizerCacheTtlSeconds = ttl }, inputs.Plans);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {ttl} | {withTtl.AvpCallsPer1000:F1} | {1 - (double)withTtl.AvpCalls / uncached.AvpCalls:P1} |"));
        }

        // What a new kind of condition costs: a policy on a route's path parameter turns that route's cache off.
        output.WriteLine();
        output.WriteLine("If a policy read a path parameter of a route (that route not cached, design b):");
        output.WriteLine("| route | AVP calls per 1,000 requests | fewer than (a) | AVP $/M requests |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (var route in RouteTable.All.Where(r => r.Access == Access.Policy && r.PathParameters.Count > 0))
        {
            IReadOnlyDictionary<Route, DecisionCachePlan> WithCondition(int ttl) => inputs.Plans(ttl).ToDictionary(p => p.Key, p => p.Key == route
                ? DecisionCacheRule.Plan([.. inputs.For(route), new RequestInput(RequestInputKind.PathParameter, route.PathParameters[0])], ttl)
                : p.Value);
            var (_, withCondition) = Simulate(model, WithCondition);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {route} | {withCondition.AvpCallsPer1000:F1} | {1 - (double)withCondition.AvpCalls / uncached.AvpCalls:P1} | {CostPerMillion(withCondition, pricing, model.Lambda).Avp:F2} |"));
        }
        if (check && reduction < TargetReduction)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAILED: {reduction:P1} fewer calls is below the {TargetReduction:P0} target."));
            return 1;
        }
        return 0;
    }

    /// <param name="plans">Each policy route's cache plan for a TTL: the policies' (<see cref="DecisionInputs.Plans"/>) or a what-if.</param>
    public static (DesignResult Uncached, DesignResult Project) Simulate(TrafficModel model, Func<int, IReadOnlyDictionary<Route, DecisionCachePlan>> plans)
    {
        var random = new Random(model.Seed);
        long requests = 0, protectedRequests = 0, handlers = 0, uncachedAvp = 0, projectAvp = 0;
        var ttl = model.AuthorizerCacheTtlSeconds;
        var deployed = plans(ttl);

        foreach (var (roleName, role) in model.Roles.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var routes = role.Mix.Select(m => (Route: RouteFor(m.Key, roleName), Method: m.Key.Split(' ')[0], Weight: m.Value)).ToList();
            var users = (int)Math.Round(model.DailyActiveUsers * role.Share);
            for (var session = 0L; session < (long)users * role.SessionsPerDay * model.Days; session++)
            {
                // Every session signs in and greets: two public requests, one handler (login; the welcome is a mock).
                requests += 2;
                handlers += 1;

                var seconds = role.SessionMinutes * 60;
                var count = (int)Math.Round(role.RequestsPerMinute * role.SessionMinutes);
                var times = Enumerable.Range(0, count).Select(_ => random.NextDouble() * seconds).Order().ToList();
                var cache = new Dictionary<(int Token, string Method, string Path), double>();
                foreach (var time in times)
                {
                    var (route, method, _) = Pick(routes, random);
                    requests++;
                    handlers++;
                    protectedRequests++;
                    uncachedAvp++;
                    if (route.Access != Access.Policy) continue;

                    // The session's token is refreshed each lifetime; a new token is a new cache key.
                    var plan = deployed[route];
                    var key = ((int)(time / (model.TokenLifetimeMinutes * 60)), method, route.Path);
                    if (plan.Cached && cache.TryGetValue(key, out var expires) && time < expires) continue;
                    if (plan.Cached) cache[key] = time + plan.TtlSeconds;
                    projectAvp++;
                }
            }
        }
        return (
            new DesignResult("(a) every protected request through AVP, no cache", requests, protectedRequests, handlers, protectedRequests, uncachedAvp),
            new DesignResult($"(b) this project: Cognito authorizer for reads, AVP with a {ttl} s cache for policy routes", requests, protectedRequests, handlers, projectAvp, projectAvp));
    }

    public static (double ApiGateway, double Lambda, double Avp) CostPerMillion(DesignResult result, Pricing pricing, LambdaCosts lambda)
    {
        var perGbSecond = lambda.Architecture == "arm64" ? pricing.LambdaArm64PerGbSecond : pricing.LambdaX86PerGbSecond;
        var gb = lambda.MemoryMb / 1024.0;
        double Invocations(long count, double billedMs) => count * (pricing.LambdaPerMillionRequests / 1e6 + gb * billedMs / 1000 * perGbSecond);

        var scale = 1e6 / result.Requests;
        return (
            pricing.ApiGatewayRestPerMillionRequests,
            (Invocations(result.HandlerInvocations, lambda.HandlerBilledMs) + Invocations(result.AuthorizerInvocations, lambda.AuthorizerBilledMs)) * scale,
            result.AvpCalls * pricing.VerifiedPermissionsPerMillionIsAuthorized / 1e6 * scale);
    }

    private static Route RouteFor(string key, string role)
    {
        var parts = key.Split(' ');
        return parts.Length == 2 && RouteTable.Find(parts[0], parts[1]) is { } route && route.Access != Access.Public
            ? route
            : throw new InvalidDataException($"traffic-model.json: '{key}' in role {role} is not a protected route of the route table.");
    }

    private static (Route Route, string Method, double Weight) Pick(IReadOnlyList<(Route Route, string Method, double Weight)> routes, Random random)
    {
        var roll = random.NextDouble() * routes.Sum(r => r.Weight);
        foreach (var route in routes)
        {
            roll -= route.Weight;
            if (roll < 0) return route;
        }
        return routes[^1];
    }

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is empty.");
}
