using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Cedar;

/// <summary>
/// The policy store's schema: the author's entity types (<see cref="PolicyStoreFiles.HumanSchemaFile"/>) with one action
/// per verb of every route Cedar decides. An action's <c>appliesTo</c> follows from its route — principal <c>User</c>,
/// the route's resource type, its path parameters as strings in <c>context.pathParameters</c>, a resource route's body
/// in <c>context.body</c> — so it is
/// generated, never written; the author may declare action groups and put route actions in them
/// (<c>action "get /pets/{petId}" in ["read"];</c>). Keys are sorted, so the JSON only changes when the schema does.
/// </summary>
public static class SchemaComposer
{
    /// <summary>The composed schema in Cedar's JSON form, as <see cref="PolicyStoreFiles.SchemaFile"/> holds it; problems at the author's lines.</summary>
    public static SourceFile Compose(SourceFile human, CedarEngine engine, List<CedarProblem> problems)
    {
        var jsonPath = human.RelativePath + ".json";
        JsonNode answer;
        try
        {
            answer = engine.Call("schemaToResolvedJson", new JsonObject { ["text"] = human.Text });
        }
        catch (CedarEngineException e)
        {
            problems.Add(human.Problem(0, $"the Cedar engine failed on the schema ({e.Message})"));
            return new SourceFile(jsonPath, "{}");
        }
        if (!CedarAnswer.IsSuccess(answer))
        {
            problems.AddRange(CedarAnswer.Errors(answer).Select(e => human.Problem(CedarAnswer.Offset(e) ?? 0, CedarAnswer.Describe(e))));
            return new SourceFile(jsonPath, "{}");
        }

        var json = answer["json"]!.AsObject();
        if (json.Count != 1)
        {
            problems.Add(human.Problem(0, "the schema must declare exactly one namespace (Verified Permissions supports one per policy store)"));
            return new SourceFile(jsonPath, "{}");
        }
        var body = json.Single().Value!.AsObject();
        var declared = body["actions"] as JsonObject ?? [];
        var routes = RouteTable.All.Where(r => r.IsDecidedByPolicies).ToList();
        var generated = Actions(routes);

        foreach (var (id, action) in declared)
        {
            var isRoute = generated.ContainsKey(id);
            if (Declares(action?["appliesTo"]))
                problems.Add(human.Problem(ActionOffset(human.Text, id), isRoute
                    ? $"action \"{id}\" declares appliesTo, which follows from its route (lambdas/PetStore.Contract/RouteTable.cs): remove it; an action here may only name the groups it is in"
                    : $"action \"{id}\" declares appliesTo, but no route with policy access has it (actions are generated from the route table, lambdas/PetStore.Contract/RouteTable.cs; declare only action groups here)"));
            if (action is JsonObject written && isRoute && written["memberOf"] is { } memberOf)
                generated[id]!["memberOf"] = memberOf.DeepClone();
        }
        foreach (var (id, action) in declared.Where(a => !generated.ContainsKey(a.Key)))
            generated[id] = action?.DeepClone();
        body["actions"] = generated;
        return new SourceFile(jsonPath, Sorted(Canonical(json))!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    /// <summary>
    /// The actions the routes need: each applies to User on its route's resource type, with its path parameters; a
    /// resource route's action also has the body's fields in <c>context.body</c> (those the model makes optional may be absent).
    /// </summary>
    public static JsonObject Actions(IEnumerable<Route> routes)
    {
        var actions = new JsonObject();
        foreach (var route in routes)
            foreach (var id in route.CedarActionIds)
            {
                var context = new JsonObject
                {
                    [CedarAction.PathParametersAttribute] = Record(route.PathParameters.Select(p => (p, new JsonObject { ["type"] = "String" }, true))),
                };
                if (route is { Access: Access.Resource, Body: { } body })
                    context[CedarAction.BodyAttribute] = Record(body.Fields.Select(f => (f.Name, CedarType(f.Schema), f.Required)));
                actions[id] = new JsonObject
                {
                    ["appliesTo"] = new JsonObject
                    {
                        ["principalTypes"] = new JsonArray(CedarAction.UserType),
                        ["resourceTypes"] = new JsonArray(route.ResourceType),
                        ["context"] = new JsonObject { ["type"] = "Record", ["attributes"] = context },
                    },
                };
            }
        return actions;
    }

    private static JsonObject Record(IEnumerable<(string Name, JsonObject Type, bool Required)> attributes) => new()
    {
        ["type"] = "Record",
        ["attributes"] = new JsonObject([.. attributes.Select(a =>
        {
            if (!a.Required) a.Type["required"] = false;
            return KeyValuePair.Create(a.Name, (JsonNode?)a.Type);
        })]),
    };

    /// <summary>A body field as Cedar sees it: text as a String, a number as a decimal (its exact value).</summary>
    private static JsonObject CedarType(FieldSchema field) => field switch
    {
        TextField or EnumField => new JsonObject { ["type"] = "String" },
        NumberField => new JsonObject { ["type"] = "Extension", ["name"] = "decimal" },
        _ => throw new ArgumentException($"No Cedar type for {field}."),
    };

    /// <summary>Whether an action says what it applies to (Cedar gives one that says nothing empty lists).</summary>
    private static bool Declares(JsonNode? appliesTo) => appliesTo is JsonObject a &&
        (a["principalTypes"] is JsonArray { Count: > 0 } || a["resourceTypes"] is JsonArray { Count: > 0 } || a["context"] is not null);

    /// <summary>Where <paramref name="id"/> is declared: in an <c>action</c> declaration, comments skipped.</summary>
    private static int ActionOffset(string text, string id)
    {
        var code = System.Text.RegularExpressions.Regex.Replace(text, "//[^\n]*", m => new string(' ', m.Length));
        var declaration = System.Text.RegularExpressions.Regex.Match(code, $"\\baction\\b[^;{{]*?(\"{System.Text.RegularExpressions.Regex.Escape(id)}\")");
        return declaration.Success ? declaration.Groups[1].Index : 0;
    }

    private static readonly string[] ExtensionTypes = ["decimal", "ipaddr", "datetime", "duration"];

    /// <summary>
    /// Extension types in their documented JSON form (<c>{"type": "Extension", "name": "decimal"}</c>): the engine's
    /// resolved schema writes them as <c>{"type": "decimal"}</c>, which Cedar reads as a type reference that Verified
    /// Permissions need not resolve the same way.
    /// </summary>
    private static JsonNode Canonical(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o when o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && ExtensionTypes.Contains(type):
                o["type"] = "Extension";
                o["name"] = type;
                break;
            case JsonObject o:
                foreach (var (_, value) in o.ToList()) if (value is not null) Canonical(value);
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) Canonical(item);
                break;
        }
        return node;
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
