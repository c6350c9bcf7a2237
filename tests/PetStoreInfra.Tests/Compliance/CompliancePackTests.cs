using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Tests.Compliance;

/// <summary>Every rule catches a resource that breaks it and passes one that meets it.</summary>
public class CompliancePackTests
{
    private static readonly App App = new();
    private static int _stacks;

    public static TheoryData<string> Rules => [.. CompliancePack.Rules.Select(r => r.Id)];

    /// <summary>A stack holding the resources of a JSON template fragment.</summary>
    internal static Stack StackOf(string resourcesJson)
    {
        var stack = new Stack(App, $"Case{Interlocked.Increment(ref _stacks)}");
        foreach (var (id, resource) in JsonNode.Parse(resourcesJson)!.AsObject())
        {
            _ = new CfnResource(stack, id, new CfnResourceProps
            {
                Type = resource!["Type"]!.GetValue<string>(),
                Properties = ToPlain(resource["Properties"]) as IDictionary<string, object>,
            });
        }
        return stack;
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)!),
        JsonArray a => a.Select(ToPlain).ToArray(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v => v.GetValue<double>(),
        _ => null,
    };

    private static IReadOnlyList<Finding> Check(string resourcesJson) => new ComplianceChecker().Check(StackOf(resourcesJson));

    [Fact]
    public void The_pack_has_at_least_25_rules_with_unique_ids_each_with_a_test_case()
    {
        Assert.True(CompliancePack.Rules.Count >= 25, $"{CompliancePack.Rules.Count} rules");
        Assert.Equal(CompliancePack.Rules.Count, CompliancePack.Rules.Select(r => r.Id).Distinct().Count());
        Assert.Empty(CompliancePack.Rules.Select(r => r.Id).Except(RuleCases.All.Keys));
        Assert.Empty(RuleCases.All.Keys.Except(CompliancePack.Rules.Select(r => r.Id)));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_violating_resource_is_caught(string ruleId)
    {
        var findings = Check(RuleCases.All[ruleId].Violating);
        var finding = Assert.Single(findings, f => f.RuleId == ruleId);
        Assert.Equal(FindingStatus.Failed, finding.Status);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_compliant_resource_passes(string ruleId)
    {
        Assert.DoesNotContain(Check(RuleCases.All[ruleId].Compliant), f => f.RuleId == ruleId);
    }
}
