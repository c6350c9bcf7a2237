namespace PetStore.Configuration;

/// <summary>A CloudTrail trail of the policy store's authorization decisions, into a write-once bucket.</summary>
public sealed record AuditTrailConfig
{
    /// <summary>Whether CloudTrail records every decision Verified Permissions makes on this environment's policy store.</summary>
    public bool Enabled { get; init; }

    /// <summary>Days each log file is locked against deletion and kept; then it expires.</summary>
    public int RetentionDays { get; init; } = 365;

    /// <summary>The longest retention accepted: ten years, beyond which a mistyped value is more likely than a need.</summary>
    public const int MaxRetentionDays = 3650;
}
