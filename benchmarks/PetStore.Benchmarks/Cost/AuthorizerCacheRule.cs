using PetStore.Contract;

namespace PetStore.Benchmarks.Cost;

/// <summary>A request of the simulated day, as far as API Gateway's authorizer cache can see it.</summary>
/// <param name="Path">The request's path with its parameters filled in (the resource path is <c>Route.Path</c>).</param>
/// <param name="Token">Which token of its session the request carries (a refreshed token is another identity).</param>
public sealed record SimulatedRequest(string Role, long Session, Route Route, string Method, string Path, int Token, double AtSeconds);

/// <summary>The key a decision is cached under and how long it lives.</summary>
public sealed record AuthorizerCacheEntry(string Key, int TtlSeconds);

/// <summary>
/// How API Gateway caches the Lambda authorizer's decision for a request: the key (the authorizer's identity
/// sources) and the TTL, or no caching. Routes may differ (a rule can look at <see cref="SimulatedRequest.Route"/>).
/// </summary>
public interface IAuthorizerCacheRule
{
    /// <summary>The cache entry this request's decision would use, or null when it is never cached.</summary>
    AuthorizerCacheEntry? For(SimulatedRequest request);
}

/// <summary>
/// As deployed (ApiStack): the signed-in routes share one authorizer, keyed on the token
/// (<see cref="DecisionCacheRule.SignedInPlan"/>); each policy route has its plan (<see cref="DecisionCacheRule"/>, from
/// what the policies in cedar/ read), one authorizer per distinct plan. Each authorizer keeps its own cache, keyed by
/// its identity sources; a plan that is not cached asks every time.
/// </summary>
public sealed class PlannedAuthorizerCache : IAuthorizerCacheRule
{
    private readonly IReadOnlyDictionary<Route, DecisionCachePlan> _policyPlans;
    private readonly DecisionCachePlan _signedInPlan;
    private readonly Dictionary<DecisionCachePlan, int> _authorizers;

    public PlannedAuthorizerCache(IReadOnlyDictionary<Route, DecisionCachePlan> policyPlans, DecisionCachePlan signedInPlan)
    {
        (_policyPlans, _signedInPlan) = (policyPlans, signedInPlan);
        _authorizers = policyPlans.Values.Distinct().Select((plan, i) => (plan, i)).ToDictionary(p => p.plan, p => p.i);
    }

    public AuthorizerCacheEntry? For(SimulatedRequest request)
    {
        var (authorizer, plan) = request.Route.IsAdmittedByToken ? ("signed-in", _signedInPlan)
            : _policyPlans.TryGetValue(request.Route, out var policyPlan) ? ($"policy-{_authorizers[policyPlan]}", policyPlan)
            : throw new InvalidOperationException($"No cache plan for {request.Route}, a route through the Lambda authorizer.");
        return plan.Cached
            ? new AuthorizerCacheEntry(string.Join('|', [authorizer, .. plan.IdentitySources.Select(source => Key(source, request))]), plan.TtlSeconds)
            : null;
    }

    private static string Key(string identitySource, SimulatedRequest request) => identitySource switch
    {
        DecisionCacheRule.TokenSource => request.Token.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DecisionCacheRule.VerbSource => request.Method,
        DecisionCacheRule.RouteSource => request.Route.Path,
        _ => throw new InvalidOperationException($"The simulation cannot key the cache on {identitySource}."),
    };
}

/// <summary>No cache at all: every request through the Lambda authorizer asks Verified Permissions.</summary>
public sealed class NoAuthorizerCache : IAuthorizerCacheRule
{
    public AuthorizerCacheEntry? For(SimulatedRequest request) => null;
}
