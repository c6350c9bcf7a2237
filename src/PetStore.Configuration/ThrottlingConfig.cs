namespace PetStore.Configuration;

public sealed record ThrottlingConfig
{
    /// <summary>Steady-state requests per second for the stage.</summary>
    public required double RateLimit { get; init; }

    public required int BurstLimit { get; init; }

    /// <summary>Stricter limits for single routes, keyed as the route table names them: <c>"POST /pets"</c>.</summary>
    public IReadOnlyDictionary<string, MethodThrottle> Methods { get; init; } = new Dictionary<string, MethodThrottle>();
}
