using System.Text.Json;
using System.Text.Json.Nodes;
using Constructs;

namespace PetStoreInfra.Compliance;

/// <summary>
/// The compliance report written to cdk.out/compliance-report.json at every synth: the rules, every finding with its
/// status, and every suppression with its reason. No timestamps, so two synths of the same app give the same file.
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
        },
        ["failed"] = List(findings.Where(f => f.Status == FindingStatus.Failed)),
        ["suppressed"] = List(findings.Where(f => f.Status == FindingStatus.Suppressed)),
        ["suppressions"] = new JsonArray([.. Suppressions.All(root).OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.RuleId, StringComparer.Ordinal)
            .Select(s => (JsonNode)new JsonObject
            {
                ["rule"] = s.RuleId,
                ["scope"] = s.Path,
                ["reason"] = s.Reason,
                ["appliesTo"] = s.AppliesTo.Count == 0 ? null : new JsonArray([.. s.AppliesTo.Select(a => (JsonNode)a)]),
            })]),
        ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id,
            ["severity"] = r.Severity.ToString(),
            ["resourceType"] = r.ResourceType,
            ["description"] = r.Description,
            ["reference"] = r.Reference,
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
