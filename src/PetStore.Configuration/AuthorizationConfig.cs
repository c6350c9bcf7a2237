using PetStore.Contract;

namespace PetStore.Configuration;

public sealed record AuthorizationConfig
{
    /// <summary>How long API Gateway caches the Lambda authorizer's decision per token, verb and route (0 turns caching off).</summary>
    public int CacheTtlSeconds { get; init; } = 120;

    /// <summary>How long the authorizer waits for Verified Permissions before failing closed.</summary>
    public int AvpTimeoutMs { get; init; } = FunctionVariables.DefaultAvpTimeoutMs;
}
