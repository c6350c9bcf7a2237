using System.Text.Json.Nodes;

namespace PetStoreInfra.Compliance;

public enum Severity
{
    /// <summary>Fails synth unless suppressed.</summary>
    Error,

    /// <summary>Reported; also counts as a finding until suppressed with a reason.</summary>
    Warning,
}

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

/// <summary>A resource as a rule sees it: its CloudFormation properties, resolved, and the other resources of the app.</summary>
public sealed record ResourceUnderTest(string Type, string StackName, string LogicalId, string Path, JsonObject Properties, AppResources App)
{
    public JsonNode? this[string property] => Properties[property];

    /// <summary>The other resources of the same stack.</summary>
    public IEnumerable<ResourceUnderTest> Siblings => App.All.Where(r => r.StackName == StackName);
}

/// <summary>Every CloudFormation resource of the app, resolved once per check.</summary>
public sealed class AppResources
{
    private readonly List<ResourceUnderTest> _all = [];

    public IReadOnlyList<ResourceUnderTest> All => _all;

    internal void Add(ResourceUnderTest resource) => _all.Add(resource);

    public IEnumerable<ResourceUnderTest> OfType(string type) => _all.Where(r => r.Type == type);

    /// <summary>Whether a resolved value refers to the given resource (a Ref, GetAtt or import of it).</summary>
    public static bool Mentions(JsonNode? value, ResourceUnderTest resource) =>
        value is not null && value.ToJsonString().Contains($"\"{resource.LogicalId}\"", StringComparison.Ordinal);
}

public enum FindingStatus
{
    Failed,
    Suppressed,
}

/// <summary>A rule a resource does not meet, and whether someone has accepted that with a reason.</summary>
public sealed record Finding(string RuleId, Severity Severity, string StackName, string LogicalId, string Path, string Message, FindingStatus Status, string? Reason)
{
    public IReadOnlyList<string> Items { get; init; } = [];
}
