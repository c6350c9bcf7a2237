using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Lambdas.Identity;

/// <summary>
/// Cognito's pre token generation trigger (event version 2) answers by filling <c>response</c>. Tokens issued through
/// InitiateAuth carry no resource-server scope of their own, so this adds the API scope to every person's access token
/// the pool issues: the Lambda authorizer requires it of every Cognito token (docs/TENANTS-AND-IDENTITY.md). It also
/// copies the person's <c>custom:stores</c> attribute into the access token, where the authorizer reads it.
///
/// It sees people only: Cognito sends version 2 events for user authentication, never for the client-credentials grant
/// (tenants' machine clients get the scope from the grant), and tenants' clients allow no user sign-in (the onboarding
/// CLI makes them with refresh only). It does not single out the pool's API client: its id in the function would be a
/// CloudFormation cycle (pool, trigger, client, pool). A person's token from any other client of the pool is refused by
/// the authorizer, scope or not.
/// </summary>
public static class TokenScopes
{
    public static JsonObject AddApiScope(JsonObject triggerEvent)
    {
        if (triggerEvent["version"]?.GetValue<string>() is not ("2" or "3"))
            throw new InvalidOperationException("The pre token generation trigger must be configured as version V2_0.");

        var accessToken = new JsonObject { ["scopesToAdd"] = new JsonArray(ApiScope.FullName) };
        // Custom attributes reach only ID tokens by themselves; the authorizer reads the stores from the access token.
        // Only staff's: a store means nothing to anyone else, and an attribute set by mistake grants nothing then.
        var groups = triggerEvent["request"]?["groupConfiguration"]?["groupsToOverride"] as JsonArray ?? [];
        var staff = groups.Any(g => g is JsonValue v && v.TryGetValue<string>(out var group) && group is Groups.Employees or Groups.Owners);
        if (staff && triggerEvent["request"]?["userAttributes"]?[CognitoClaims.Stores] is JsonValue stores && stores.TryGetValue<string>(out var text) && text.Length > 0)
            accessToken["claimsToAddOrOverride"] = new JsonObject { [CognitoClaims.Stores] = text };
        triggerEvent["response"] = new JsonObject
        {
            ["claimsAndScopeOverrideDetails"] = new JsonObject { ["accessTokenGeneration"] = accessToken },
        };
        return triggerEvent;
    }
}
