using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Contract;

/// <summary>
/// The authorizer's <c>POLICY_SCOPES</c>: for each policy route (<c>"POST /pets"</c>), what its answer covers, as
/// <see cref="DecisionCacheRule"/> decided at synth. JSON: <c>{"POST /pets":"Route","ANY /admin/{proxy+}":"Request"}</c>.
/// </summary>
public static class PolicyScopes
{
    // Readable in the Lambda console: '+' and '"' unescaped (the value is never HTML).
    private static readonly PolicyScopesJson Readable = new(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string ToJson(IReadOnlyDictionary<Route, DecisionCachePlan> plans) => JsonSerializer.Serialize(
        plans.OrderBy(p => RouteTable.All.ToList().IndexOf(p.Key)).ToDictionary(p => p.Key.ToString(), p => p.Value.Scope.ToString()),
        Readable.DictionaryStringString);

    /// <summary>The scope of every policy route; a value that is not a policy route or a scope fails with the reason.</summary>
    public static IReadOnlyDictionary<Route, PolicyScope> Parse(string json)
    {
        Dictionary<string, string>? read;
        try
        {
            read = JsonSerializer.Deserialize(json, PolicyScopesJson.Default.DictionaryStringString);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{FunctionVariables.PolicyScopes} is not a JSON object of route to scope: {e.Message}");
        }
        var scopes = new Dictionary<Route, PolicyScope>();
        foreach (var route in RouteTable.All.Where(r => r.Access == Access.Policy))
        {
            scopes[route] = read?.GetValueOrDefault(route.ToString()) is { } text && Enum.TryParse<PolicyScope>(text, out var scope) && Enum.IsDefined(scope)
                ? scope
                : throw new InvalidOperationException($"{FunctionVariables.PolicyScopes} must give policy route {route} a scope ({string.Join(" or ", Enum.GetNames<PolicyScope>())}).");
        }
        var unknown = (read?.Keys.AsEnumerable() ?? []).Where(k => !scopes.Keys.Any(r => r.ToString() == k)).ToList();
        return unknown.Count == 0 ? scopes
            : throw new InvalidOperationException($"{FunctionVariables.PolicyScopes} names routes that are not policy routes: {string.Join(", ", unknown)}.");
    }
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PolicyScopesJson : JsonSerializerContext;
