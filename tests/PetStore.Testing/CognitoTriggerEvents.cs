using System.Text;
using System.Text.Json.Nodes;

namespace PetStore.Testing;

/// <summary>The events Cognito sends its Lambda triggers, written from their documented shapes.</summary>
public static class CognitoTriggerEvents
{
    /// <summary>A pre token generation event, version 2 (the one that may add scopes), for a password sign-in.</summary>
    public static byte[] TokenGeneration(string userName) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "2",
        ["triggerSource"] = "TokenGeneration_Authentication",
        ["userName"] = userName,
        ["request"] = new JsonObject { ["userAttributes"] = new JsonObject { ["sub"] = "abc" } },
        ["response"] = new JsonObject(),
    }.ToJsonString());

    /// <summary>Whether a token trigger's answer adds <paramref name="scope"/> to the access token.</summary>
    public static bool AddsScope(JsonNode? answer, string scope) =>
        answer?["response"]?["claimsAndScopeOverrideDetails"]?["accessTokenGeneration"]?["scopesToAdd"] is JsonArray scopes
        && scopes.Any(s => s?.GetValue<string>() == scope);
}
