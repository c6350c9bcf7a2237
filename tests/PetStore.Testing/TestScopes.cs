using PetStore.Contract;

namespace PetStore.Testing;

/// <summary>The same policy scope for every policy route: what the rule gives today's policies (Route), or an uncached route (Request).</summary>
public static class TestScopes
{
    public static IReadOnlyDictionary<Route, PolicyScope> All(PolicyScope scope) =>
        RouteTable.All.Where(r => r.Access == Access.Policy).ToDictionary(r => r, _ => scope);

    /// <summary>The authorizer's POLICY_SCOPES for <see cref="All"/>.</summary>
    public static string Json(PolicyScope scope) =>
        PolicyScopes.ToJson(All(scope).ToDictionary(s => s.Key, s => new DecisionCachePlan([], 0, s.Value)));
}
