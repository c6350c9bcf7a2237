namespace PetStore.Benchmarks.Cost;

/// <summary>The whole path's cost per million requests (Cognito's monthly bill included) for one environment, when the budget was last set on purpose.</summary>
/// <param name="Why">Why the reference is what it is: what raised it, the last time it was raised on purpose.</param>
public sealed record EnvironmentBudget(double UsdPerMillionRequests, string Set, string? Why = null);

/// <summary>
/// benchmarks/cost/budget.json: a configuration change may raise an environment's cost per million requests by at
/// most <see cref="AllowedIncreasePercent"/> over its reference. Raising it more is a decision: change the reference
/// in the same commit, and say why.
/// </summary>
public sealed record CostBudget(string Description, double AllowedIncreasePercent, Dictionary<string, EnvironmentBudget> Environments)
{
    public double Limit(string environment) => Environments[environment].UsdPerMillionRequests * (1 + AllowedIncreasePercent / 100);
}
