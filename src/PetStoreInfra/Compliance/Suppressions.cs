using System.Text.Json;
using System.Text.Json.Nodes;
using Constructs;

namespace PetStoreInfra.Compliance;

/// <summary>
/// The one way to accept a finding: a rule knowingly not met by a construct and everything below it, with the reason.
/// The rule is one of our own pack's (<c>PetStore-…</c>) or one of cdk-nag's AwsSolutions and Serverless packs
/// (<c>AwsSolutions-IAM5</c>, <c>Serverless-LambdaDLQ</c>). Recorded as construct metadata, written into every
/// resource below the scope as cdk-nag's standard template metadata (<see cref="NagMetadata"/>), and listed in the
/// compliance report; so our pack, cdk-nag and any other reader of the template see the same acceptance.
/// </summary>
public static class Suppressions
{
    public const string MetadataType = "petstore:compliance:suppression";

    /// <param name="appliesTo">
    /// Which findings of the rule are accepted, for rules with several per resource: for our item-level rules the
    /// items (IAM actions), for cdk-nag the finding ids (<c>Resource::*</c>, so <c>AwsSolutions-IAM5[Resource::*]</c>).
    /// Empty accepts the whole rule.
    /// </param>
    public static void Add(IConstruct scope, string ruleId, string reason, params string[] appliesTo)
    {
        if (!CompliancePack.Rules.Any(r => r.Id == ruleId) && !NagRuleIds.IsCdkNag(ruleId))
            throw new ArgumentException(
                $"No rule '{ruleId}' to suppress (at {scope.Node.Path}): name one of our pack's rules or a cdk-nag {string.Join("/", NagRuleIds.Packs)} rule.",
                nameof(ruleId));
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 20)
            throw new ArgumentException($"Suppressing {ruleId} at {scope.Node.Path} needs a real reason.", nameof(reason));
        var data = new JsonObject
        {
            ["id"] = ruleId,
            ["reason"] = reason,
            ["appliesTo"] = new JsonArray([.. appliesTo.Select(a => (JsonNode)a)]),
        };
        scope.Node.AddMetadata(MetadataType, data.ToJsonString());
    }

    /// <summary>
    /// Accepts actions on wildcard resources, in both systems at once: cdk-nag's IAM5 for the wildcard resources (as
    /// cdk-nag writes them, see <see cref="NagRuleIds.Resource"/>), and our item-level rule for exactly these actions,
    /// so another action on the same wildcard still fails synth.
    /// </summary>
    public static void AddWildcardResources(IConstruct scope, string reason, IReadOnlyList<string> nagResources, params string[] actions)
    {
        Add(scope, NagRuleIds.IamWildcards, reason, [.. nagResources.Select(r => $"Resource::{r}")]);
        Add(scope, CompliancePack.WildcardResourceActions, reason, actions);
    }

    /// <summary>The suppressions of a rule that apply to a construct: its own and its ancestors', nearest first.</summary>
    public static IEnumerable<Suppression> For(IConstruct construct, string ruleId) => Applying(construct).Where(s => s.RuleId == ruleId);

    /// <summary>Every suppression that applies to a construct: its own and its ancestors', nearest first.</summary>
    public static IEnumerable<Suppression> Applying(IConstruct construct)
    {
        for (IConstruct? node = construct; node is not null; node = node.Node.Scope)
        {
            foreach (var suppression in Of(node)) yield return suppression;
        }
    }

    /// <summary>Every suppression in a tree.</summary>
    public static IEnumerable<Suppression> All(IConstruct root) => root.Node.FindAll().SelectMany(Of);

    private static IEnumerable<Suppression> Of(IConstruct node) =>
        node.Node.Metadata.Where(m => m.Type == MetadataType).Select(m =>
        {
            var data = JsonNode.Parse(m.Data?.ToString() ?? "{}")!;
            return new Suppression(node.Node.Path, data["id"]!.GetValue<string>(), data["reason"]!.GetValue<string>(),
                [.. data["appliesTo"]!.AsArray().Select(a => a!.GetValue<string>())]);
        });
}
