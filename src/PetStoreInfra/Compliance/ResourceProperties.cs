using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.CDK;

namespace PetStoreInfra.Compliance;

/// <summary>
/// A CloudFormation resource's properties as the template will hold them, read at synth from the L1 construct:
/// its properties (a protected member jsii exposes to .NET), rendered to CloudFormation names, tokens resolved.
/// Property overrides (escape hatches) are not included.
/// </summary>
internal static class ResourceProperties
{
    private static readonly PropertyInfo CfnProperties =
        typeof(CfnResource).GetProperty("CfnProperties", BindingFlags.NonPublic | BindingFlags.Instance)!;

    public static JsonObject Of(CfnResource resource)
    {
        var stack = Amazon.CDK.Stack.Of(resource);
        var raw = CfnProperties.GetValue(resource);
        if (raw is null) return [];
        var render = resource.GetType().GetMethod("RenderProperties", BindingFlags.NonPublic | BindingFlags.Instance);
        var rendered = render is null ? raw : render.Invoke(resource, [stack.Resolve(raw)]);
        return JsiiValues.ToJsonNode(stack.Resolve(rendered!)) as JsonObject ?? [];
    }
}
