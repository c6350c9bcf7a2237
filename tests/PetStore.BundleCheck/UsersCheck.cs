using System.Buffers.Text;
using System.Text.Json.Nodes;
using System.Text;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Users;
using PetStore.Local;
using PetStore.NodeTools;
using PetStore.Testing;

namespace PetStore.BundleCheck;

/// <summary>
/// The users function's bundle (managed runtime) registers a user in cognito-local (sign-up, confirmation as the
/// template's SIGN_UP_CONFIRMATION says, the customers group) and logs them in: the access token it returns was
/// issued by that pool to that user, with the group.
/// </summary>
public static class UsersCheck
{
    public static async Task RunAsync(DeployedFunction function, FunctionLauncher launcher, NodeTools.NodeTools tools, CheckReport report)
    {
        await using var cognito = await CognitoLocal.StartAsync(tools);
        using var http = new HttpClient();
        var pool = await new CognitoSeeder(http, cognito.Endpoint).CreatePoolAsync("Users", Groups.All, accessTokenMinutes: 60);

        await using var environment = launcher.Start("users", function,
            new Dictionary<string, string>
            {
                [FunctionVariables.UserPoolId] = pool.UserPoolId,
                [FunctionVariables.UserPoolClientId] = pool.ClientId,
                [FunctionVariables.TrustedIssuers] = TrustedIssuers.ToJson([pool.ToTrustedIssuer(Groups.All)]),
            },
            new Dictionary<string, string>
            {
                [FunctionVariables.CognitoEndpoint] = cognito.Endpoint.ToString(),
                ["AWS_ACCESS_KEY_ID"] = "local",
                ["AWS_SECRET_ACCESS_KEY"] = "local",
            });

        var username = $"bundle-check-{Guid.NewGuid():N}"[..24];
        var password = $"Check-{Guid.NewGuid():N}"[..16] + "aZ9!";
        var signUp = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.SignUp);
        var registered = await environment.InvokeAsync(ApiGatewayEvents.Proxy(signUp.Method, signUp.Path, signUp.Path,
            new JsonObject { ["username"] = username, ["password"] = password, ["email"] = $"{username}@example.com" }.ToJsonString()));
        var (status, body) = registered.Kind == "response" ? ApiGatewayEvents.ProxyAnswer(registered.Body) : (0, null);
        // The deployed setting decides whether the API confirms the user itself.
        var autoConfirm = function.Variables.GetValueOrDefault(FunctionVariables.SignUpConfirmation)?.GetValue<string>() is { } mode
            && Enum.TryParse<SignUpConfirmation>(mode, ignoreCase: true, out var parsed) && parsed == SignUpConfirmation.Auto;
        report.Check($"users: {signUp}", status == 201 && body?["username"]?.GetValue<string>() == username
            && body["userConfirmed"]?.GetValue<bool>() == autoConfirm,
            $"{registered.Kind} {status}: {CheckReport.Shorten(body?.ToJsonString() ?? registered.Body)} (confirmed by the API: {autoConfirm})");
        if (status != 201) return;
        if (!autoConfirm)
            await CognitoClient.Create(cognito.Endpoint, function.Region, TimeSpan.FromSeconds(10), pool.UserPoolId, pool.ClientId).AdminConfirmSignUpAsync(username);

        var login = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.Login);
        var loggedIn = await environment.InvokeAsync(ApiGatewayEvents.Proxy(login.Method, login.Path, login.Path,
            new JsonObject { ["username"] = username, ["password"] = password }.ToJsonString()));
        (status, body) = loggedIn.Kind == "response" ? ApiGatewayEvents.ProxyAnswer(loggedIn.Body) : (0, null);
        var claims = Payload(body?["accessToken"]?.GetValue<string>());
        report.Check($"users: {login}", status == 200
            && claims?["iss"]?.GetValue<string>() == pool.Issuer
            && claims["username"]?.GetValue<string>() == username
            && claims["token_use"]?.GetValue<string>() == "access"
            && claims["cognito:groups"]?.AsArray().Any(g => g?.GetValue<string>() == Groups.Customers) == true,
            status == 200 ? $"200, access token claims {CheckReport.Shorten(claims?.ToJsonString() ?? "none")}" : $"{loggedIn.Kind} {status}: {CheckReport.Shorten(body?.ToJsonString() ?? loggedIn.Body)}");
    }

    private static JsonNode? Payload(string? jwt)
    {
        var parts = jwt?.Split('.');
        return parts is { Length: 3 } ? JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))) : null;
    }
}
