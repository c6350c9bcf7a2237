namespace PetStore.Configuration;

/// <summary>The log retentions CloudWatch Logs accepts, in days (cdk.json's <c>logRetentionDays</c> must be one).</summary>
public static class CloudWatchRetention
{
    public static readonly IReadOnlyList<int> AllowedDays =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
}
