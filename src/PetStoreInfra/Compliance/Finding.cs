namespace PetStoreInfra.Compliance;

/// <summary>A rule a resource does not meet, and whether someone has accepted that with a reason.</summary>
public sealed record Finding(string RuleId, Severity Severity, string StackName, string LogicalId, string Path, string Message, FindingStatus Status, string? Reason)
{
    public IReadOnlyList<string> Items { get; init; } = [];
}
