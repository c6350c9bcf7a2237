using System.Text.Json;
using System.Text.Json.Nodes;

namespace PetStoreInfra.Compliance;

/// <summary>A rule accepted for a scope, why, and (for rules with several findings per resource) for which ones only.</summary>
public sealed record Suppression(string Path, string RuleId, string Reason, IReadOnlyList<string> AppliesTo)
{
    public bool IsCdkNag => NagRuleIds.IsCdkNag(RuleId);

    /// <summary>Whether this suppression covers a finding's items (a rule-wide suppression covers everything).</summary>
    public bool Covers(IReadOnlyList<string> items) => AppliesTo.Count == 0 || items.All(AppliesTo.Contains);

    /// <summary>As cdk-nag's template metadata writes one: <c>{id, reason, applies_to}</c>.</summary>
    public JsonObject ToNagMetadata()
    {
        var entry = new JsonObject { ["id"] = RuleId, ["reason"] = Reason };
        if (AppliesTo.Count > 0) entry["applies_to"] = new JsonArray([.. AppliesTo.Select(a => (JsonNode)a)]);
        return entry;
    }

    internal string Key => RuleId + "|" + JsonSerializer.Serialize(AppliesTo);
}
