using System.Globalization;
using System.Text.Json.Nodes;

namespace PetStore.Policies.Planning;

/// <summary>
/// Every literal the policies compare a request's values with, from their JSON form (EST): strings by the attribute
/// compared (<c>principal.provider</c>, <c>context.pathParameters.proxy</c>; a record literal's fields by theirs), the
/// <c>like</c> patterns each is matched with, every decimal, and every entity named, by type. The plan's request
/// classes take their values from here.
/// </summary>
public sealed class PolicyVocabulary
{
    private static readonly HashSet<string> Comparisons = ["==", "!=", "<", "<=", ">", ">=", "in", "contains", "containsAll", "containsAny"];

    private readonly Dictionary<string, SortedSet<string>> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LikePattern>> _patterns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _entities = new(StringComparer.Ordinal);
    private readonly SortedSet<decimal> _decimals = [];

    private PolicyVocabulary() { }

    /// <summary>The strings compared with the attribute at <paramref name="path"/> (<c>resource.status</c>).</summary>
    public IReadOnlyCollection<string> Strings(string path) => _strings.TryGetValue(path, out var found) ? found : [];

    /// <summary>The <c>like</c> patterns the attribute at <paramref name="path"/> is matched with.</summary>
    public IReadOnlyList<LikePattern> Patterns(string path) => _patterns.TryGetValue(path, out var found) ? found : [];

    /// <summary>The ids of the entities of <paramref name="type"/> named anywhere (<c>PetStore::Store</c>).</summary>
    public IReadOnlyCollection<string> Entities(string type) => _entities.TryGetValue(type, out var found) ? found : [];

    /// <summary>Every <c>decimal("…")</c> literal.</summary>
    public IReadOnlyCollection<decimal> Decimals => _decimals;

    public static PolicyVocabulary Of(IEnumerable<JsonNode> policies)
    {
        var vocabulary = new PolicyVocabulary();
        foreach (var est in policies)
        {
            foreach (var scope in new[] { "principal", "action", "resource" })
            {
                if (est[scope] is not JsonObject part) continue;
                foreach (var entity in new[] { part["entity"], part["in"]?["entity"] }.Concat(part["entities"] as JsonArray ?? []))
                    if (entity?["type"] is JsonValue type && entity["id"] is JsonValue id) vocabulary.Entity(type.GetValue<string>(), id.GetValue<string>());
            }
            foreach (var condition in est["conditions"]?.AsArray() ?? []) vocabulary.Walk(condition!["body"]);
        }
        return vocabulary;
    }

    private void Entity(string type, string id) => Add(_entities, type, id);

    private static void Add(Dictionary<string, SortedSet<string>> into, string key, string value)
    {
        if (!into.TryGetValue(key, out var set)) into[key] = set = new SortedSet<string>(StringComparer.Ordinal);
        set.Add(value);
    }

    private void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray items:
                foreach (var item in items) Walk(item);
                return;
            case JsonObject { Count: 1 } single when single.First() is var (key, value):
                if (key == "Value")
                {
                    if (value is JsonObject literal && literal["__entity"] is { } entity) Entity(entity["type"]!.GetValue<string>(), entity["id"]!.GetValue<string>());
                    return;
                }
                if (key == "decimal" && value is JsonArray { Count: 1 } arguments && arguments[0]?["Value"] is JsonValue text
                    && decimal.TryParse(text.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    _decimals.Add(number);
                    return;
                }
                if (key == "like" && AttributePath(value?["left"]) is { } liked && value!["pattern"] is JsonArray pattern)
                {
                    if (!_patterns.TryGetValue(liked, out var list)) _patterns[liked] = list = [];
                    list.Add(new LikePattern([.. pattern.Select(p => p is JsonObject literal ? literal["Literal"]!.GetValue<string>() : null)]));
                }
                if (Comparisons.Contains(key) && value is JsonObject { } pair) Compare([pair["left"], pair["right"]]);
                else if (value is JsonArray { Count: 2 } operands) Compare([.. operands]);
                Walk(value);
                return;
            case JsonObject many:
                foreach (var (_, value) in many) Walk(value);
                return;
        }
    }

    private void Compare(IReadOnlyList<JsonNode?> operands)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (AttributePath(operands[i]) is not { } path) continue;
            foreach (var other in operands.Where((_, j) => j != i)) Literals(path, other);
        }
    }

    /// <summary>The strings compared with <paramref name="path"/>; a record literal compares each of its fields with the path's.</summary>
    private void Literals(string path, JsonNode? other)
    {
        if (other is JsonObject { Count: 1 } record && record["Record"] is JsonObject fields)
        {
            foreach (var (name, field) in fields) Literals($"{path}.{name}", field);
            return;
        }
        foreach (var text in StringLiterals(other)) Add(_strings, path, text);
    }

    private static IEnumerable<string> StringLiterals(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } value when value["Value"] is JsonValue literal && literal.GetValueKind() == System.Text.Json.JsonValueKind.String => [literal.GetValue<string>()],
        JsonObject { Count: 1 } set when set["Set"] is JsonArray items => items.SelectMany(StringLiterals),
        _ => [],
    };

    /// <summary><c>principal.stores</c> for a chain of attribute accesses from a variable; null for anything else.</summary>
    public static string? AttributePath(JsonNode? node)
    {
        var path = new List<string>();
        while (node is JsonObject { Count: 1 } step && step["."] is { } access)
        {
            path.Insert(0, access["attr"]!.GetValue<string>());
            node = access["left"];
        }
        return node is JsonObject { Count: 1 } root && root["Var"] is JsonValue variable
            ? string.Join('.', [variable.GetValue<string>(), .. path])
            : null;
    }
}
