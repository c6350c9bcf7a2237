using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Cedar;

/// <summary>
/// The policy store's schema: the author's entity types (<see cref="PolicyStoreFiles.HumanSchemaFile"/>) with one action
/// per verb of every policy route of the route table. An action's <c>appliesTo</c> follows from its route — principal
/// <c>User</c>, resource <c>Application</c>, its path parameters as strings in <c>context.pathParameters</c> — so it is
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
        var routes = RouteTable.All.Where(r => r.Access == Access.Policy).ToList();
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
        return new SourceFile(jsonPath, Sorted(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    /// <summary>The actions the routes need, each applying to User on Application with its path parameters.</summary>
    public static JsonObject Actions(IEnumerable<Route> routes)
    {
        var actions = new JsonObject();
        foreach (var route in routes)
            foreach (var id in route.CedarActionIds)
                actions[id] = new JsonObject
                {
                    ["appliesTo"] = new JsonObject
                    {
                        ["principalTypes"] = new JsonArray(CedarAction.UserType),
                        ["resourceTypes"] = new JsonArray(CedarAction.ApplicationType),
                        ["context"] = new JsonObject
                        {
                            ["type"] = "Record",
                            ["attributes"] = new JsonObject
                            {
                                [CedarAction.PathParametersAttribute] = new JsonObject
                                {
                                    ["type"] = "Record",
                                    ["attributes"] = new JsonObject([.. route.PathParameters.Select(p =>
                                        KeyValuePair.Create(p, (JsonNode?)new JsonObject { ["type"] = "String" }))]),
                                },
                            },
                        },
                    },
                };
        return actions;
    }

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

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
