using System.Text.Json;
using System.Text.Json.Nodes;

namespace PetStore.Cedar;

/// <summary>The policy store schema in Cedar's JSON format (what <c>AWS::VerifiedPermissions::PolicyStore</c> takes).</summary>
public sealed class CedarSchema
{
    /// <summary>Verified Permissions limits a schema to 100,000 bytes.</summary>
    public const int MaxBytes = 100_000;

    private CedarSchema(JsonObject json, string nameSpace)
    {
        Json = json;
        Namespace = nameSpace;
        var body = json[nameSpace]!.AsObject();
        Actions = [.. body["actions"]?.AsObject().Select(a => ReadAction(nameSpace, a.Key, a.Value!.AsObject())) ?? []];
    }

    public JsonObject Json { get; }
    public string Namespace { get; }
    public IReadOnlyList<SchemaAction> Actions { get; }

    /// <summary>Compact JSON text, as deployed (no \u escapes for characters such as '+', so templates stay readable).</summary>
    public string ToJsonText() => Json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    internal static CedarSchema Parse(SourceFile file, List<CedarProblem> problems)
    {
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(file.Text) as JsonObject;
        }
        catch (JsonException e)
        {
            problems.Add(new CedarProblem(file.RelativePath, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, $"not valid JSON: {e.Message}"));
            return Empty;
        }
        if (json is null || json.Count != 1)
        {
            problems.Add(file.Problem(0, "the schema must declare exactly one namespace (Verified Permissions supports one per policy store)"));
            return Empty;
        }
        var nameSpace = json.Single().Key;
        if (nameSpace.Length == 0 || new[] { "aws", "amazon", "cedar" }.Any(r => nameSpace.Contains(r, StringComparison.OrdinalIgnoreCase)))
            problems.Add(file.Problem(0, $"namespace '{nameSpace}' is not allowed by Verified Permissions (empty, or contains aws, amazon or cedar)"));
        if (System.Text.Encoding.UTF8.GetByteCount(json.ToJsonString()) > MaxBytes)
            problems.Add(file.Problem(0, $"the schema is larger than Verified Permissions' limit of {MaxBytes} bytes"));
        return new CedarSchema(json, nameSpace);
    }

    private static readonly CedarSchema Empty = new(new JsonObject { ["_"] = new JsonObject() }, "_");

    private static SchemaAction ReadAction(string nameSpace, string id, JsonObject action)
    {
        var appliesTo = action["appliesTo"] as JsonObject;
        IReadOnlyList<string> Types(string key) =>
            [.. appliesTo?[key]?.AsArray().Select(t => Qualify(nameSpace, t!.GetValue<string>())) ?? []];

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (appliesTo?["context"]?["attributes"]?["pathParameters"]?["attributes"] is JsonObject declared)
        {
            foreach (var (name, type) in declared)
                parameters[name] = type?["type"]?.GetValue<string>() switch
                {
                    "EntityOrCommon" => type["name"]!.GetValue<string>(),
                    { } t => t,
                    null => "?",
                } + (type?["required"]?.GetValue<bool>() == false ? "?" : "");
        }
        var groups = action["memberOf"]?.AsArray().Select(g => g!["id"]!.GetValue<string>()).ToList() ?? [];
        return new SchemaAction(id, Types("principalTypes"), Types("resourceTypes"), parameters, groups);
    }

    /// <summary>Whether action <paramref name="action"/> is <paramref name="group"/> or one of its members, through any number of groups.</summary>
    public bool IsIn(string action, string group)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([action]);
        while (pending.TryPop(out var current))
        {
            if (current == group) return true;
            if (!seen.Add(current)) continue;
            foreach (var parent in Actions.FirstOrDefault(a => a.Id == current)?.MemberOf ?? []) pending.Push(parent);
        }
        return false;
    }

    private static string Qualify(string nameSpace, string type) => type.Contains("::") ? type : $"{nameSpace}::{type}";
}
