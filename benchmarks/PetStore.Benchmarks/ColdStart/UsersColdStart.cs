using System.Text;
using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Aws;
using PetStore.Lambdas.Users;
using PetStore.Local;
using PetStore.NodeTools;
using PetStore.Testing;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>The users function on POST /login: one real InitiateAuth against cognito-local, for a user registered beforehand.</summary>
public sealed class UsersColdStart : ColdStartFunction
{
    private const string Username = "coldstart";

    private readonly CognitoLocal _cognito;
    private readonly string _issuer;

    private UsersColdStart(CognitoLocal cognito, LocalUserPool pool, byte[] invocationEvent, string request)
    {
        (_cognito, _issuer, Event, Request) = (cognito, pool.Issuer, invocationEvent, request);
        Environment = new Dictionary<string, string>
        {
            [FunctionVariables.UserPoolId] = pool.UserPoolId,
            [FunctionVariables.UserPoolClientId] = pool.ClientId,
            // As the Api stack deploys it: POST /login may name any trusted pool.
            [FunctionVariables.TrustedIssuers] = TrustedIssuers.ToJson([pool.ToTrustedIssuer(Groups.All)]),
            [FunctionVariables.SignUpConfirmation] = nameof(SignUpConfirmation.Auto),
            [FunctionVariables.CognitoEndpoint] = cognito.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        };
    }

    public static async Task<UsersColdStart> StartAsync(NodeTools.NodeTools tools, string region)
    {
        var cognito = await CognitoLocal.StartAsync(tools);
        try
        {
            using var http = new HttpClient();
            var pool = await new CognitoSeeder(http, cognito.Endpoint).CreatePoolAsync("Users", Groups.All, accessTokenMinutes: 60);
            const string password = "Cold-Start-1!";
            // Signed with stand-in credentials: nothing here may use a real account's.
            var timeout = TimeSpan.FromSeconds(10);
            AwsJsonClient Api(HttpClient http) => new(http, cognito.Endpoint, CognitoClient.TargetPrefix, CognitoClient.JsonVersion);
            var client = new CognitoClient(Api(AwsHttp.Plain(timeout)),
                new Lazy<AwsJsonClient>(() => Api(AwsHttp.Signed(CognitoClient.SigningService, region, timeout, AwsCredentials.Of("local", "local")))),
                pool.UserPoolId, pool.ClientId);
            await client.SignUpAsync(Username, password, "coldstart@example.com");
            await client.AdminConfirmSignUpAsync(Username);
            // cognito-local's own first sign-in is slow; pay it here, not in the first measured cold start.
            _ = await client.InitiatePasswordAuthAsync(Username, password);

            var route = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.Login);
            var invocationEvent = ApiGatewayEvents.Proxy(route.Method, route.Path, route.Path,
                new JsonObject { ["username"] = Username, ["password"] = password }.ToJsonString());
            return new UsersColdStart(cognito, pool, invocationEvent, $"{route.Method} {route.Path}");
        }
        catch
        {
            await cognito.DisposeAsync();
            throw;
        }
    }

    public override string Name => "users";
    public override string Request { get; }
    public override string Handler => FunctionHandlers.Users;
    public override string Baseline => "before";
    public override byte[] Event { get; }
    public override IReadOnlyDictionary<string, string> Environment { get; }

    public override string? Problem(string kind, string body)
    {
        if (kind != "response") return $"{kind}: {body}";
        var (status, tokens) = ApiGatewayEvents.ProxyAnswer(body);
        // The access token must be the one cognito-local issued for this user.
        var payload = tokens?["accessToken"]?.GetValue<string>()?.Split('.') is [_, var claims, _]
            ? JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(claims)))
            : null;
        return status == 200 && payload?["iss"]?.GetValue<string>() == _issuer && payload["username"]?.GetValue<string>() == Username
            ? null
            : $"expected 200 with an access token from {_issuer} for {Username}: {body}";
    }

    public override async ValueTask DisposeAsync()
    {
        await _cognito.DisposeAsync();
        await base.DisposeAsync();
    }
}
