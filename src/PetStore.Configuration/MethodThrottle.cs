namespace PetStore.Configuration;

public sealed record MethodThrottle
{
    public required double RateLimit { get; init; }
    public required int BurstLimit { get; init; }
}
