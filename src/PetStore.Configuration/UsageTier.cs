namespace PetStore.Configuration;

public sealed record UsageTier
{
    public required double RateLimit { get; init; }
    public required int BurstLimit { get; init; }
    public required int QuotaPerDay { get; init; }
}
