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
/// As deployed: each policy route's plan (<see cref="DecisionCacheRule"/>, from what the policies in cedar/ read),
/// keyed by the plan's identity sources; a route whose plan is not cached asks every time.
/// </summary>
public sealed class PlannedAuthorizerCache(IReadOnlyDictionary<Route, DecisionCachePlan> plans) : IAuthorizerCacheRule
{
    public AuthorizerCacheEntry? For(SimulatedRequest request) =>
        plans.TryGetValue(request.Route, out var plan)
            ? plan.Cached ? new AuthorizerCacheEntry(string.Join('|', plan.IdentitySources.Select(source => Key(source, request))), plan.TtlSeconds) : null
            : throw new InvalidOperationException($"No cache plan for {request.Route}, a route through the Lambda authorizer.");

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
