namespace PetStore.Contract;

/// <summary>
/// How API Gateway caches the Lambda authorizer's answer on one route: the identity sources (the cache key; a request
/// missing one is a 401 without calling the authorizer), the TTL (0: no cache) and what the returned policy covers.
/// </summary>
public sealed record DecisionCachePlan(IReadOnlyList<string> IdentitySources, int TtlSeconds, PolicyScope Scope)
{
    public bool Cached => TtlSeconds > 0;

    /// <summary>The plan in a few words, for authors: local mode prints it, the plan compares it.</summary>
    public string Describe() => Cached ? $"authorizer answers cached {TtlSeconds} s per token, verb and route" : "authorizer answers not cached";

    /// <summary>Plans are the same authorizer when they agree on everything.</summary>
    public bool Equals(DecisionCachePlan? other) =>
        other is not null && IdentitySources.SequenceEqual(other.IdentitySources) && TtlSeconds == other.TtlSeconds && Scope == other.Scope;

    public override int GetHashCode() => HashCode.Combine(string.Join(',', IdentitySources), TtlSeconds, Scope);
}
