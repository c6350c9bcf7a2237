using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PetStoreInfra;

/// <summary>
/// Values as jsii hands them to .NET (dictionaries, arrays, Newtonsoft JSON objects, primitives) as JSON, so that
/// configuration from context and resolved CloudFormation properties are read by one JSON reader.
/// </summary>
internal static class JsiiValues
{
    public static JsonNode? ToJsonNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        // Newtonsoft's JToken (jsii's JSON type) prints itself as JSON; it is also IEnumerable, so test it first.
        _ when value.GetType().Namespace == "Newtonsoft.Json.Linq" => JsonNode.Parse(value.ToString()!),
        IDictionary dictionary => new JsonObject(dictionary.Keys.Cast<object>()
            .Select(key => KeyValuePair.Create(Convert.ToString(key, CultureInfo.InvariantCulture)!, ToJsonNode(dictionary[key])))),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToJsonNode)]),
        IConvertible number => JsonValue.Create(Convert.ToDecimal(number, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };
}
