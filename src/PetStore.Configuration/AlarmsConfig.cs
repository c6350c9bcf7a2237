namespace PetStore.Configuration;

public sealed record AlarmsConfig
{
    /// <summary>Where alarm notifications go; none subscribes no one (the topic still exists).</summary>
    public string? Email { get; init; }

    /// <summary>Alarm when more than this percentage of requests fail with 5XX over 5 minutes.</summary>
    public required double Api5xxPercent { get; init; }

    /// <summary>Alarm when a web ACL blocks more than this many requests in 5 minutes.</summary>
    public required int WafBlockedPer5Minutes { get; init; }

    /// <summary>Alarm when API Gateway throttles (429) more than this many requests in 5 minutes.</summary>
    public required int ThrottledPer5Minutes { get; init; }
}
