using PetStore.Contract;
using PetStore.Configuration;
using PetStore.Benchmarks.Cost;

namespace PetStore.Benchmarks.Cost;

/// <summary>One service's share of the bill: what it charges for, in dollars per million API requests.</summary>
public sealed record ServiceCost(string Service, string BilledFor, double UsdPerMillion);

/// <summary>One function's share of the Lambda line.</summary>
public sealed record FunctionCost(string Function, double InvocationsPerMillion, int MemorySizeMb, LambdaArchitecture Architecture,
    FunctionRuntime Runtime, int WarmBilledMs, int ColdBilledMs, double UsdPerMillion);

/// <summary>
/// The whole request path's cost per million requests for one design: the services billed per request, service by
/// service, and Cognito apart, billed per monthly active user (shown spread over a month of the same traffic).
/// </summary>
public sealed record PathCost(TrafficCounts Traffic, IReadOnlyList<ServiceCost> Services, IReadOnlyList<FunctionCost> Functions,
    string CognitoPlan, double CognitoUsdPerMonth, double CognitoUsdPerMillion)
{
    /// <summary>The services billed by the request.</summary>
    public double TotalUsdPerMillion => Services.Sum(s => s.UsdPerMillion);

    public const string VerifiedPermissions = "Verified Permissions";

    public ServiceCost Service(string name) => Services.Single(s => s.Service == name);

    /// <summary>Everything, Cognito's monthly bill included.</summary>
    public double AllInUsdPerMillion => TotalUsdPerMillion + CognitoUsdPerMillion;

    /// <summary>
    /// Prices <paramref name="traffic"/> on <paramref name="resources"/>: per request, per invocation, per call, and the
    /// monthly fees (web ACLs and rules, Cognito's monthly active users) spread over a month of the same traffic.
    /// </summary>
    public static PathCost For(TrafficCounts traffic, BillableResources resources, TrafficModel model, FunctionDurations durations, Prices prices)
    {
        var perMillion = 1e6 / traffic.Requests;
        var requestsPerMonth = (double)traffic.Requests / model.Days * model.DaysPerMonth;
        double MonthlyPerMillion(double usdPerMonth) => usdPerMonth / requestsPerMonth * 1e6;

        // CloudFront: every request, and the answer's bytes.
        var bytesOut = traffic.RequestsByRoute.Sum(r => r.Value * (double)ResponseBytes(model, r.Key.Operation));
        var cloudFront = prices.CloudFrontPer10kHttpsRequests.Usd * 100
            + bytesOut / (1024.0 * 1024 * 1024) * prices.CloudFrontPerGbOut.Usd * perMillion;

        // WAF: each web ACL inspects every request; its fee and its rules' fees are monthly.
        var waf = resources.WebAcls.Count * prices.WafPerMillionRequests.Usd
            + MonthlyPerMillion(resources.WebAcls.Sum(acl => prices.WafPerWebAclMonth.Usd + acl.Rules * prices.WafPerRuleMonth.Usd));

        var functions = resources.Functions.Select(f => Function(f, Invocations(f.Handler, traffic), perMillion, model, durations, prices)).ToList();

        // DynamoDB on demand and the functions' own Verified Permissions calls, route by route as RouteUsage prices them.
        var dynamo = (traffic.ReadUnits * prices.DynamoDbOnDemandPerMillionReadUnits.Usd + traffic.WriteUnits * prices.DynamoDbOnDemandPerMillionWriteUnits.Usd) / 1e6 * perMillion;
        var avp = (traffic.AvpSingleCalls * prices.VerifiedPermissionsPerSingleAuthorization.Usd + traffic.AvpBatchCalls * prices.VerifiedPermissionsPerBatchAuthorization.Usd) * perMillion;

        // The audit trail: one data event per Verified Permissions call, single or batch.
        var auditEventsPerRequest = resources.RecordsDecisions ? (double)(traffic.AvpSingleCalls + traffic.AvpBatchCalls) / traffic.Requests : 0;

        var cognitoPerMau = resources.CognitoFeaturePlan == "PLUS" ? prices.CognitoPlusPerMau.Usd : prices.CognitoEssentialsPerMau.Usd;
        var cognitoPerMonth = model.MonthlyActiveUsers * cognitoPerMau;

        ServiceCost[] services =
        [
            new("CloudFront", $"HTTPS requests; {bytesOut / traffic.Requests:F0} bytes out per request ({resources.CloudFrontPriceClass})", cloudFront),
            new("WAF", $"{resources.WebAcls.Count} web ACLs ({string.Join(", ", resources.WebAcls.Select(a => $"{a.Scope.ToLowerInvariant()}: {a.Rules} rules"))}), each request inspected by each", waf),
            new("API Gateway (REST)", "every request", prices.ApiGatewayRestPerMillionRequests.Usd),
            new("Lambda", $"{functions.Sum(f => f.InvocationsPerMillion):N0} invocations of {functions.Count} functions", functions.Sum(f => f.UsdPerMillion)),
            new(VerifiedPermissions, $"{traffic.AvpSingleCalls * 1000 / traffic.Requests:F1} IsAuthorized and {traffic.AvpBatchCalls * 1000 / traffic.Requests:F1} BatchIsAuthorized calls per 1,000 requests", avp),
            new("DynamoDB (on demand)", $"{traffic.ReadUnits * perMillion:N0} read and {traffic.WriteUnits * perMillion:N0} write units", dynamo),
            .. resources.RecordsDecisions
                ? [new ServiceCost("CloudTrail (audit trail)", $"{auditEventsPerRequest * 1000:F1} data events per 1,000 requests, one per Verified Permissions call",
                    auditEventsPerRequest * 1e6 * prices.CloudTrailPer100kDataEvents.Usd / 100_000)]
                : Array.Empty<ServiceCost>(),
        ];
        return new PathCost(traffic, services, functions, resources.CognitoFeaturePlan, cognitoPerMonth, MonthlyPerMillion(cognitoPerMonth));
    }

    /// <summary>How often a function runs: its routes' requests, sign-ins for the users function, every issued token for the trigger, cache misses for the authorizer.</summary>
    private static long Invocations(string handler, TrafficCounts traffic) => ApiManifest.ForHandler(handler) switch
    {
        { Role: FunctionRole.Authorizer } => traffic.AuthorizerInvocations,
        { Role: FunctionRole.TokenTrigger } => traffic.TokensIssued,
        { Role: FunctionRole.Route, Backend: { } backend } => traffic.RequestsTo(backend),
        _ => throw new InvalidDataException($"The cost model does not know when {handler} runs."),
    };

    private static FunctionCost Function(BillableFunction function, long invocations, double perMillion, TrafficModel model, FunctionDurations durations, Prices prices)
    {
        var type = function.Handler.Split("::")[1];
        var duration = durations.For(type);
        var runtime = function.Runtime.ToString().ToLowerInvariant();
        var coldStart = duration.ColdStartMs.GetValueOrDefault(runtime, double.NaN);
        if (double.IsNaN(coldStart)) throw new InvalidDataException($"benchmarks/cost/durations.json: {type} has no coldStartMs.{runtime}.");

        // Lambda bills each invocation's duration rounded up to the millisecond; a cold start bills its init too.
        var warmMs = (int)Math.Ceiling(duration.CodeMs + duration.DownstreamMs);
        var coldMs = (int)Math.Ceiling(coldStart + duration.DownstreamMs);
        var perGbSecond = function.Architecture == LambdaArchitecture.Arm64 ? prices.LambdaArm64PerGbSecond.Usd : prices.LambdaX86PerGbSecond.Usd;
        var gb = function.MemorySizeMb / 1024.0;
        var billedSeconds = invocations * ((1 - model.ColdStartShare) * warmMs + model.ColdStartShare * coldMs) / 1000;
        var usd = invocations * prices.LambdaPerMillionRequests.Usd / 1e6 + billedSeconds * gb * perGbSecond;
        return new FunctionCost(type.Split('.')[^1], invocations * perMillion, function.MemorySizeMb, function.Architecture, function.Runtime,
            warmMs, coldMs, usd * perMillion);
    }

    private static int ResponseBytes(TrafficModel model, string operation) => model.ResponseBytes.GetValueOrDefault(operation, model.DefaultResponseBytes);
}
