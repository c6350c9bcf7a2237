namespace PetStore.Configuration;

/// <summary>
/// Usage plans (rate, burst and daily quota per tier, each per API key). Every signed-in and policy route requires an
/// API key, which the authorizer supplies: a tenant's from the registry, or for people one of the interactive keys of
/// <see cref="InteractiveTier"/>.
/// </summary>
public sealed record UsagePlansConfig
{
    /// <summary>The tier whose plan meters people (tokens from a configured app client), all together under one key.</summary>
    public required string InteractiveTier { get; init; }

    /// <summary>
    /// Over how many API keys of the interactive plan people are spread, each person always on one. A plan's limits
    /// apply per key, so one person's flood drains only the bucket of the people on their key (1 in this many).
    /// </summary>
    public int InteractiveKeys { get; init; } = 1;

    public required IReadOnlyDictionary<string, UsageTier> Tiers { get; init; }
}
