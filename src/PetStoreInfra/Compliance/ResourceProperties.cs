using System.Collections;
using System.Globalization;
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
        return ToJson(stack.Resolve(rendered!)) as JsonObject ?? [];
    }

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        JsonNode node => node.DeepClone(),
        _ when value.GetType().Namespace == "Newtonsoft.Json.Linq" => JsonNode.Parse(value.ToString()!),
        IDictionary dictionary => new JsonObject(dictionary.Keys.Cast<object>()
            .Select(key => KeyValuePair.Create(Convert.ToString(key, CultureInfo.InvariantCulture)!, ToJson(dictionary[key])))),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToJson)]),
        IConvertible number => JsonValue.Create(Convert.ToDouble(number, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };
}
