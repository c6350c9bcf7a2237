using System.Text.Json.Nodes;

namespace PetStoreInfra.Compliance;

/// <summary>
/// One of our own compliance rules: the CloudFormation type it inspects and a check that returns null when the
/// resource complies, or what is wrong with it. Ids start with <c>PetStore-</c>; <see cref="Reference"/> says what
/// cdk-nag, which checks everything else, lacks.
/// </summary>
public sealed record ComplianceRule(string Id, Severity Severity, string ResourceType, string Description, string Reference, Func<ResourceUnderTest, string?> Check)
{
    /// <summary>
    /// For rules whose findings can be suppressed item by item (IAM actions on wildcard resources): what in the resource
    /// breaks the rule. A suppression with <c>appliesTo</c> then covers only those items, so a new violation in the
    /// same resource still fails.
    /// </summary>
    public Func<ResourceUnderTest, IReadOnlyList<string>>? Items { get; init; }
}
