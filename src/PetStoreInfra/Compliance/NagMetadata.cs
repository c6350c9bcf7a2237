using Amazon.CDK;

namespace PetStoreInfra.Compliance;

/// <summary>
/// Writes every suppression that applies to a resource (its own and its ancestors') into the resource's template
/// metadata in cdk-nag's standard shape, <c>Metadata.cdk_nag.rules_to_suppress: [{id, reason, applies_to}]</c>,
/// so cdk-nag (tools/gates/cdk-nag.mjs acknowledges from it) and any other reader of the template see the same
/// acceptance as our pack and the compliance report. Runs after CDK has prepared the stack, so it also covers the
/// resources CDK adds then (see <see cref="PreparedStackHook"/>). cdk-nag suppressions go to every resource below
/// their scope, as cdk-nag's own metadata writer does.
/// </summary>
public static class NagMetadata
{
    public const string Key = "cdk_nag";

    public static void Write(Stack stack)
    {
        foreach (var resource in stack.Node.FindAll().OfType<CfnResource>().Where(r => Stack.Of(r) == stack))
        {
            var entries = Suppressions.Applying(resource).Where(s => Concerns(s, resource)).DistinctBy(s => s.Key).ToList();
            if (entries.Count == 0) continue;
            resource.AddMetadata(Key, new Dictionary<string, object>
            {
                ["rules_to_suppress"] = entries.Select(s => (object)Entry(s)).ToArray(),
            });
        }
    }

    /// <summary>A scope's suppression of one of our rules goes only to resources of the type the rule inspects.</summary>
    private static bool Concerns(Suppression suppression, CfnResource resource) =>
        suppression.IsCdkNag || CompliancePack.Rules.Any(r => r.Id == suppression.RuleId && r.ResourceType == resource.CfnResourceType);

    private static Dictionary<string, object> Entry(Suppression suppression)
    {
        var entry = new Dictionary<string, object> { ["id"] = suppression.RuleId, ["reason"] = suppression.Reason };
        if (suppression.AppliesTo.Count > 0) entry["applies_to"] = suppression.AppliesTo.ToArray();
        return entry;
    }
}
