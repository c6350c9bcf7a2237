using Constructs;

namespace PetStoreInfra.Compliance;

/// <summary>
/// A rule knowingly not met by a construct and everything below it, with the reason. Recorded as construct metadata
/// (so it travels with the construct and shows in cdk.out's tree), and listed in the compliance report.
/// </summary>
public static class Suppressions
{
    public const string MetadataType = "petstore:compliance:suppression";

    /// <param name="appliesTo">For item-level rules, the items accepted (e.g. IAM actions); empty accepts the whole rule.</param>
    public static void Add(IConstruct scope, string ruleId, string reason, params string[] appliesTo)
    {
        if (!CompliancePack.Rules.Any(r => r.Id == ruleId))
            throw new ArgumentException($"No compliance rule '{ruleId}' to suppress (at {scope.Node.Path}).", nameof(ruleId));
        if (string.IsNullOrWhiteSpace(reason) || reason.Length < 10)
            throw new ArgumentException($"Suppressing {ruleId} at {scope.Node.Path} needs a real reason.", nameof(reason));
        if (reason.Contains('|')) throw new ArgumentException("A suppression reason may not contain '|'.", nameof(reason));
        scope.Node.AddMetadata(MetadataType, $"{ruleId}|{reason}|{string.Join(',', appliesTo)}");
    }

    /// <summary>The suppressions of a rule that apply to a construct: its own and its ancestors'.</summary>
    public static IEnumerable<Suppression> For(IConstruct construct, string ruleId)
    {
        for (IConstruct? node = construct; node is not null; node = node.Node.Scope)
        {
            foreach (var suppression in Of(node).Where(s => s.RuleId == ruleId)) yield return suppression;
        }
    }

    /// <summary>Every suppression in a tree.</summary>
    public static IEnumerable<Suppression> All(IConstruct root) => root.Node.FindAll().SelectMany(Of);

    private static IEnumerable<Suppression> Of(IConstruct node) =>
        node.Node.Metadata.Where(m => m.Type == MetadataType).Select(m =>
        {
            var parts = (m.Data?.ToString() ?? "").Split('|');
            return new Suppression(node.Node.Path, parts[0], parts[1], parts.Length > 2 && parts[2].Length > 0 ? parts[2].Split(',') : []);
        });
}

/// <summary>A rule accepted for a scope, why, and (for item-level rules) for which items only.</summary>
public sealed record Suppression(string Path, string RuleId, string Reason, IReadOnlyList<string> AppliesTo)
{
    /// <summary>Whether this suppression covers a finding's items (a rule-wide suppression covers everything).</summary>
    public bool Covers(IReadOnlyList<string> items) => AppliesTo.Count == 0 || items.All(AppliesTo.Contains);
}
