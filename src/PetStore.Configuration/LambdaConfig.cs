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
    /// How the authorizer runs: its own custom runtime (self-contained, trimmed, precompiled; about twice as fast to
    /// start) or the managed dotnet10 runtime like the handlers, a fallback that needs no custom runtime.
    /// </summary>
    public AuthorizerRuntime AuthorizerRuntime { get; init; } = AuthorizerRuntime.Custom;
}
