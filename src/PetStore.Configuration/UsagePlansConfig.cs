namespace PetStore.Configuration;

/// <summary>API keys and usage plans for tenants (rate, burst and quota per tier).</summary>
public sealed record UsagePlansConfig
{
    /// <summary>Require an API key on every signed-in and policy route; until then plans exist but meter nothing.</summary>
    public required bool RequireApiKey { get; init; }

    public required IReadOnlyDictionary<string, UsageTier> Tiers { get; init; }
}
