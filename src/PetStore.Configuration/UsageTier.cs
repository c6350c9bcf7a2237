namespace PetStore.Configuration;

public sealed record UsageTier
{
    public required double RateLimit { get; init; }
    public required int BurstLimit { get; init; }
    /// <summary>Requests per key per day (UTC); none: no quota. Refused on the interactive tier, whose keys people share.</summary>
    public int? QuotaPerDay { get; init; }
}
