using System.Text.Json.Serialization;
using PetStore.Contract;

namespace PetStore.Configuration;

public sealed record AuthorizationConfig
{
    /// <summary>How long API Gateway caches the Lambda authorizer's decision per token, verb and route (0 turns caching off).</summary>
    public int CacheTtlSeconds { get; init; } = 120;

    /// <summary>How long the authorizer waits for Verified Permissions before failing closed.</summary>
    public int AvpTimeoutMs { get; init; } = FunctionVariables.DefaultAvpTimeoutMs;

    /// <summary>How long API Gateway caches the signed-in routes' authorizer answer per token (0 turns caching off).</summary>
    public int SignedInCacheTtlSeconds { get; init; } = 300;

    /// <summary>How long the authorizer keeps a tenant registry answer (1 to 300 s): a suspension applies within it.</summary>
    public int TenantCacheSeconds { get; init; } = FunctionVariables.DefaultTenantCacheSeconds;

    /// <summary>
    /// The longest a tenant just onboarded (or resumed) may still be refused: the authorizer may hold the registry's earlier
    /// answer for <see cref="TenantCacheSeconds"/>, and API Gateway may cache a refusal made just before that ran out for
    /// the longer of its two authorizer TTLs.
    /// </summary>
    [JsonIgnore] public int NewTenantAdmittedWithinSeconds => TenantCacheSeconds + Math.Max(CacheTtlSeconds, SignedInCacheTtlSeconds);
}
