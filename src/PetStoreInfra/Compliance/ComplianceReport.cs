using System.Text.Json;
using System.Text.Json.Nodes;
using Constructs;

namespace PetStoreInfra.Compliance;

/// <summary>
/// The compliance report written to cdk.out/compliance-report.json at every synth: our rules, every finding of them
/// with its status, and every suppression with its reason, ours and cdk-nag's alike (the C# code writes both; cdk-nag's
/// own findings are judged by tools/gates/cdk-nag.mjs, which writes cdk-nag-report.json beside the templates). No
/// timestamps, so two synths of the same app give the same file.
/// </summary>
public static class ComplianceReport
{
    public const string FileName = "compliance-report.json";

    public static JsonObject Build(IReadOnlyList<ComplianceRule> rules, IReadOnlyList<Finding> findings, IConstruct root) => new()
    {
        ["summary"] = new JsonObject
        {
            ["rules"] = rules.Count,
            ["failed"] = findings.Count(f => f.Status == FindingStatus.Failed),
            ["suppressed"] = findings.Count(f => f.Status == FindingStatus.Suppressed),
            ["suppressions"] = Suppressions.All(root).Count(s => !s.IsCdkNag),
            ["cdkNagAcknowledgements"] = Suppressions.All(root).Count(s => s.IsCdkNag),
        },
        ["failed"] = List(findings.Where(f => f.Status == FindingStatus.Failed)),
        ["suppressed"] = List(findings.Where(f => f.Status == FindingStatus.Suppressed)),
        ["suppressions"] = new JsonArray([.. Suppressions.All(root).OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.RuleId, StringComparer.Ordinal)
            .Select(s => (JsonNode)new JsonObject
            {
                ["rule"] = s.RuleId,
                ["checkedBy"] = s.IsCdkNag ? "cdk-nag" : "synth",
                ["scope"] = s.Path,
                ["reason"] = s.Reason,
                ["appliesTo"] = s.AppliesTo.Count == 0 ? null : new JsonArray([.. s.AppliesTo.Select(a => (JsonNode)a)]),
            })]),
        ["cdkNag"] = new JsonObject
        {
            ["packs"] = new JsonArray([.. NagRuleIds.Packs.Select(p => (JsonNode)p)]),
            ["checkedBy"] = "tools/gates/check-templates.sh (tools/gates/cdk-nag.mjs), which writes cdk-nag-report.json into each environment's cloud assembly",
        },
        ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id,
            ["severity"] = r.Severity.ToString(),
            ["resourceType"] = r.ResourceType,
            ["description"] = r.Description,
            ["beyondCdkNag"] = r.Reference,
        })]),
    };

    public static void Write(string outdir, JsonObject report) =>
        File.WriteAllText(Path.Combine(outdir, FileName), report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    private static JsonArray List(IEnumerable<Finding> findings) => new([.. findings
        .OrderBy(f => f.StackName, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.RuleId, StringComparer.Ordinal)
        .Select(f => (JsonNode)new JsonObject
        {
            ["rule"] = f.RuleId,
            ["severity"] = f.Severity.ToString(),
            ["stack"] = f.StackName,
            ["logicalId"] = f.LogicalId,
            ["path"] = f.Path,
            ["message"] = f.Message,
            ["reason"] = f.Reason,
            ["items"] = f.Items.Count == 0 ? null : new JsonArray([.. f.Items.Select(i => (JsonNode)i)]),
        })]);
}
