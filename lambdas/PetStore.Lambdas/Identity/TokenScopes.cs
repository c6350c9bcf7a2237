using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Lambdas.Identity;

/// <summary>
/// Cognito's pre token generation trigger (event version 2) answers by filling <c>response</c>. Tokens issued through
/// InitiateAuth carry no resource-server scope of their own, so this adds the API scope to every access token the
/// pool issues, which is what the Cognito authorizer on the read routes checks.
/// </summary>
public static class TokenScopes
{
    public static JsonObject AddApiScope(JsonObject triggerEvent)
    {
        if (triggerEvent["version"]?.GetValue<string>() is not ("2" or "3"))
            throw new InvalidOperationException("The pre token generation trigger must be configured as version V2_0.");

        triggerEvent["response"] = new JsonObject
        {
            ["claimsAndScopeOverrideDetails"] = new JsonObject
            {
                ["accessTokenGeneration"] = new JsonObject
                {
                    ["scopesToAdd"] = new JsonArray(ApiScope.FullName),
                },
            },
        };
        return triggerEvent;
    }
}
