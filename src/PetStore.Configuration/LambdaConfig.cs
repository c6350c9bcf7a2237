namespace PetStore.Configuration;

public sealed record LambdaConfig
{
    public required LambdaArchitecture Architecture { get; init; }
    public required int MemorySizeMb { get; init; }
    public required int TimeoutSeconds { get; init; }

    /// <summary>Concurrency reserved for each function, or none (new accounts have too little to reserve).</summary>
    public int? ReservedConcurrency { get; init; }

    /// <summary>
    /// The authorizer's memory. Its cold start is CPU-bound and Lambda gives a full vCPU at 1,769 MB; it runs on
    /// few requests (policy routes, cache misses), so the extra memory costs little (docs/PERFORMANCE.md).
    /// </summary>
    public int AuthorizerMemorySizeMb { get; init; } = 1769;

    /// <summary>
    /// How every function but the authorizer runs: the custom runtime (one self-contained, trimmed, precompiled
    /// bootstrap for all functions; about twice as fast to start) or the managed dotnet10 runtime, a fallback that
    /// needs no custom runtime (docs/PERFORMANCE.md).
    /// </summary>
    public FunctionRuntime Runtime { get; init; } = FunctionRuntime.Custom;

    /// <summary>How the authorizer runs, chosen apart from the others because it sits in front of every policy route.</summary>
    public FunctionRuntime AuthorizerRuntime { get; init; } = FunctionRuntime.Custom;
}
