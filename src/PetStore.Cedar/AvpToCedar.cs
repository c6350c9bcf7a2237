using System.Text.Json.Nodes;

namespace PetStore.Cedar;

/// <summary>
/// Turns Verified Permissions' IsAuthorized request (its JSON wire shape) into the Cedar engine's authorization
/// call, and Cedar's answer back into IsAuthorized's response shape. A pure mapping of data shapes; the decision is
/// Cedar's.
/// </summary>
public static class AvpToCedar
{
    public static JsonObject Request(JsonObject avp) => new()
    {
        ["principal"] = Entity(avp["principal"]!),
        ["action"] = new JsonObject { ["type"] = Text(avp["action"]!["actionType"]), ["id"] = Text(avp["action"]!["actionId"]) },
        ["resource"] = Entity(avp["resource"]!),
        ["context"] = Record(avp["context"]?["contextMap"] as JsonObject),
        ["entities"] = new JsonArray([.. (avp["entities"]?["entityList"]?.AsArray() ?? []).Select(e => (JsonNode)new JsonObject
        {
            ["uid"] = Entity(e!["identifier"]!),
            ["attrs"] = Record(e["attributes"] as JsonObject),
            ["parents"] = new JsonArray([.. (e["parents"]?.AsArray() ?? []).Select(p => (JsonNode)Entity(p!))]),
        })]),
    };

    /// <summary>Cedar's response (<c>{decision, diagnostics: {reason, errors}}</c>) as AVP answers it.</summary>
    public static JsonObject Response(JsonNode cedarResponse) => new()
    {
        ["decision"] = Text(cedarResponse["decision"]) == "allow" ? "ALLOW" : "DENY",
        ["determiningPolicies"] = new JsonArray([.. cedarResponse["diagnostics"]!["reason"]!.AsArray()
            .Select(id => (JsonNode)new JsonObject { ["policyId"] = Text(id) })]),
        ["errors"] = new JsonArray([.. cedarResponse["diagnostics"]!["errors"]!.AsArray()
            .Select(e => (JsonNode)new JsonObject { ["errorDescription"] = $"{Text(e!["policyId"])}: {Text(e["error"]!["message"])}" })]),
    };

    private static JsonObject Entity(JsonNode identifier) =>
        new() { ["type"] = Text(identifier["entityType"]), ["id"] = Text(identifier["entityId"]) };

    private static JsonObject Record(JsonObject? attributes) =>
        new(attributes?.Select(a => KeyValuePair.Create(a.Key, Value(a.Value!))) ?? []);

    /// <summary>One AVP AttributeValue (a union with exactly one member) as a Cedar JSON value.</summary>
    private static JsonNode? Value(JsonNode value)
    {
        var member = value.AsObject().Single();
        return member.Key switch
        {
            "string" or "long" or "boolean" => member.Value!.DeepClone(),
            "entityIdentifier" => new JsonObject { ["__entity"] = Entity(member.Value!) },
            "set" => new JsonArray([.. member.Value!.AsArray().Select(v => Value(v!))]),
            "record" => Record(member.Value!.AsObject()),
            "ipaddr" => Extension("ip", member.Value!),
            "decimal" or "datetime" or "duration" => Extension(member.Key, member.Value!),
            _ => throw new ArgumentException($"Unsupported attribute value type '{member.Key}'."),
        };
    }

    private static JsonObject Extension(string function, JsonNode argument) =>
        new() { ["__extn"] = new JsonObject { ["fn"] = function, ["arg"] = argument.DeepClone() } };

    private static string Text(JsonNode? node) => node!.GetValue<string>();
}
