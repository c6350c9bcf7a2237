namespace PetStore.Contract;

/// <summary>
/// One Lambda function: the class Lambda runs (its handler string follows), what invokes it, the environment
/// variables it reads (their values come from <c>FunctionSettings</c>), what it may do (<see cref="Grant"/>s), and
/// whether it is sized as the authorizer (<c>lambda.authorizerMemorySizeMb</c>, <c>lambda.authorizerRuntime</c>).
/// The CDK app deploys it from this, local mode runs it from this, and the cost model prices it from this.
/// </summary>
/// <param name="Name">Short and stable: the construct id is <c>&lt;Name&gt;Function</c> (renaming it replaces the function).</param>
/// <param name="Type">The entry class in <c>lambdas/PetStore.Lambdas</c>, with a <c>HandleAsync(Stream)</c> method.</param>
public sealed record FunctionDescription(
    string Name,
    string Type,
    FunctionRole Role,
    string Description,
    IReadOnlyList<string> Variables,
    IReadOnlyList<Grant> Grants,
    Backend? Backend = null,
    bool SizedAsAuthorizer = false)
{
    public string Handler => FunctionHandlers.For(Type);

    public string ConstructId => $"{Name}Function";

    /// <summary>The routes it answers (none for the authorizer and the trigger).</summary>
    public IReadOnlyList<Route> Routes => [.. RouteTable.All.Where(r => Backend is { } backend && r.Backend == backend)];

    /// <summary>The AWS services it calls, as its grants name them.</summary>
    public IReadOnlyList<string> Services => [.. Grants.Select(g => g.Service).Distinct()];

    public override string ToString() => Name;
}
