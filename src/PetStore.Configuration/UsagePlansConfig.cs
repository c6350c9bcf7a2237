namespace PetStore.Configuration;

/// <summary>
/// Usage plans (rate, burst and daily quota per tier). Every signed-in and policy route requires an API key, which the
/// authorizer supplies: a tenant's from the registry, or for people the interactive key in <see cref="InteractiveTier"/>.
/// </summary>
public sealed record UsagePlansConfig
{
    /// <summary>The tier whose plan meters people (tokens from a configured app client), all together under one key.</summary>
    public required string InteractiveTier { get; init; }

    public required IReadOnlyDictionary<string, UsageTier> Tiers { get; init; }
}
