using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PetStore.Configuration;
using PetStore.Contract;
using PetStore.Lambdas.Users;

namespace PetStore.Local;

/// <summary>
/// Sets up cognito-local as the Identity stack sets up Cognito: one pool with the password policy, the groups and an
/// app client for password sign-in. (Local mode then registers the demo users through the same
/// <see cref="CognitoClient"/> the users function uses.)
/// </summary>
public sealed class CognitoSeeder(HttpClient http, Uri endpoint)
{
    public static readonly IReadOnlyList<DemoUser> DemoUsers =
    [
        new("customer", Groups.Customers),
        new("customer2", Groups.Customers),
        new("employee", Groups.Employees, "downtown"),
        new("employee2", Groups.Employees, "uptown"),
        new("owner", Groups.Owners),
    ];

    /// <summary>
    /// The pool, with MFA optional and TOTP enabled until <see cref="ApplyMfaAsync"/> sets what the environment says
    /// (demo users in a pool that requires MFA register their authenticator in between).
    /// </summary>
    public async Task<LocalUserPool> CreatePoolAsync(string name, IReadOnlyList<string> groups, int accessTokenMinutes)
    {
        var pool = await CallAsync("CreateUserPool", new JsonObject
        {
            ["PoolName"] = $"PetStore-{name}",
            ["UsernameConfiguration"] = new JsonObject { ["CaseSensitive"] = false },
            ["MfaConfiguration"] = "OPTIONAL",
            ["Schema"] = new JsonArray(new JsonObject
            {
                ["Name"] = CognitoClaims.Stores["custom:".Length..],
                ["AttributeDataType"] = "String",
                ["Mutable"] = true,
                ["StringAttributeConstraints"] = new JsonObject { ["MinLength"] = "0", ["MaxLength"] = "2048" },
            }),
            ["Policies"] = new JsonObject
            {
                ["PasswordPolicy"] = new JsonObject
                {
                    ["MinimumLength"] = PasswordRules.MinLength,
                    ["RequireLowercase"] = true,
                    ["RequireUppercase"] = true,
                    ["RequireNumbers"] = true,
                    ["RequireSymbols"] = true,
                },
            },
        });
        var poolId = pool["UserPool"]!["Id"]!.GetValue<string>();
        var client = await CallAsync("CreateUserPoolClient", new JsonObject
        {
            ["UserPoolId"] = poolId,
            ["ClientName"] = "ApiClient",
            ["ExplicitAuthFlows"] = new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
            ["WriteAttributes"] = new JsonArray("email"),
            ["AccessTokenValidity"] = accessTokenMinutes,
            ["IdTokenValidity"] = accessTokenMinutes,
            ["TokenValidityUnits"] = new JsonObject { ["AccessToken"] = "minutes", ["IdToken"] = "minutes" },
        });
        foreach (var group in groups)
            await CallAsync("CreateGroup", new JsonObject { ["UserPoolId"] = poolId, ["GroupName"] = group });

        return new LocalUserPool(
            name,
            poolId,
            client["UserPoolClient"]!["ClientId"]!.GetValue<string>(),
            $"http://127.0.0.1:{endpoint.Port}/{poolId}",
            new Uri(endpoint, $"{poolId}/.well-known/jwks.json"));
    }

    /// <summary>
    /// Sets the pool's MFA as the Identity stack does. For a pool that requires it, first registers an authenticator for
    /// each of <paramref name="users"/> (signed in with <paramref name="password"/>) and returns their TOTP secrets.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ApplyMfaAsync(LocalUserPool pool, PoolMfa mfa, IEnumerable<string> users, string password)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mfa == PoolMfa.Required)
        {
            foreach (var user in users)
            {
                var signedIn = await CallAsync("InitiateAuth", new JsonObject
                {
                    ["AuthFlow"] = "USER_PASSWORD_AUTH",
                    ["ClientId"] = pool.ClientId,
                    ["AuthParameters"] = new JsonObject { ["USERNAME"] = user, ["PASSWORD"] = password },
                });
                var accessToken = signedIn["AuthenticationResult"]!["AccessToken"]!.GetValue<string>();
                var secret = (await CallAsync("AssociateSoftwareToken", new JsonObject { ["AccessToken"] = accessToken }))["SecretCode"]!.GetValue<string>();
                await CallAsync("VerifySoftwareToken", new JsonObject
                {
                    ["AccessToken"] = accessToken,
                    ["UserCode"] = DemoAuthenticator.Code(secret, DateTimeOffset.UtcNow),
                    ["FriendlyDeviceName"] = "local mode",
                });
                secrets[user] = secret;
            }
        }
        await CallAsync("SetUserPoolMfaConfig", new JsonObject
        {
            ["UserPoolId"] = pool.UserPoolId,
            ["MfaConfiguration"] = mfa == PoolMfa.Required ? "ON" : "OPTIONAL",
            ["SoftwareTokenMfaConfiguration"] = new JsonObject { ["Enabled"] = true },
        });
        return secrets;
    }

    /// <summary>The stores a user works in, set as an administrator sets them (the user's own client may not write them).</summary>
    public Task SetStoresAsync(LocalUserPool pool, string username, IReadOnlyList<string> stores) => CallAsync("AdminUpdateUserAttributes", new JsonObject
    {
        ["UserPoolId"] = pool.UserPoolId,
        ["Username"] = username,
        ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = CognitoClaims.Stores, ["Value"] = string.Join(',', stores) }),
    });

    private async Task<JsonObject> CallAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(body) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", $"{CognitoClient.TargetPrefix}.{operation}");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"cognito-local {operation} failed: {(int)response.StatusCode} {text}");
    }
}
