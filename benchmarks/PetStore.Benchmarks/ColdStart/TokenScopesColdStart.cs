using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Testing;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>The token trigger on a version-2 pre token generation event: no downstream; it must add the API's scope.</summary>
public sealed class TokenScopesColdStart : ColdStartFunction
{
    public override string Name => "token-scopes";
    public override string Request => "pre token generation (v2)";
    public override string Handler => FunctionHandlers.TokenScopes;
    public override string Baseline => "before";
    public override byte[] Event { get; } = CognitoTriggerEvents.TokenGeneration("coldstart");
    public override IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    public override string? Problem(string kind, string body) =>
        kind == "response" && CognitoTriggerEvents.AddsScope(JsonNode.Parse(body), ApiScope.FullName)
            ? null
            : $"expected the scope {ApiScope.FullName} added ({kind}): {body}";
}
