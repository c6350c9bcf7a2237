using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PetStore.Cedar;
using PetStore.Contract;
using PetStore.Lambdas;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Aws;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Users;
using PetStore.NodeTools;
using PetStore.Configuration;

namespace PetStore.Local;

/// <summary>
/// Starts everything local mode needs, serves until Ctrl-C or SIGTERM, then stops every process it started.
/// The API listens on 127.0.0.1:&lt;port&gt;; the stand-ins (Verified Permissions, the Cognito trigger) on a second
/// loopback port of their own, and dynalite and cognito-local on free loopback ports.
/// </summary>
public static class LocalPetStore
{
    private const string Region = "us-east-1";
    private const string PetsTable = "Pets";
    private const string TriggerPath = "/trigger/pre-token-generation";

    /// <summary>What the two ports serve; filled in as the parts start (until then the API port answers 503).</summary>
    private sealed class Served
    {
        public LocalApiGateway? Gateway;
        public PolicyStoreStandIn? PolicyStore;
        public LocalFunctions? Functions;
    }

    public static async Task<int> RunAsync(LocalOptions options, TextWriter output)
    {
        var tools = RequireNodeTools();
        var config = ConfigLoader.FromCdkJson(Path.Combine(tools.RepositoryRoot, "cdk.json"), options.Environment);
        var cedarDirectory = options.CedarDirectory ?? Path.Combine(tools.RepositoryRoot, "cedar");
        UseLocalCredentialsOnly();

        var served = new Served();
        var servicesPort = NodeService.FreePort();
        var app = await StartHostAsync(options.Port, servicesPort, served);

        await using var dynalite = await Dynalite.StartAsync(tools);
        await using var cognito = await CognitoLocal.StartAsync(tools,
            preloads: [Path.Combine(tools.RepositoryRoot, "tools", "local", "cognito-local-v2-trigger.cjs")],
            environment: new Dictionary<string, string> { ["PETSTORE_PRE_TOKEN_TRIGGER_URL"] = $"http://127.0.0.1:{servicesPort}{TriggerPath}" });
        using var engine = CedarEngine.Start(tools);
        var policyStore = served.PolicyStore = new PolicyStoreStandIn(engine, cedarDirectory, output);

        var pools = await CreatePoolsAsync(config, cognito.Endpoint);
        var trustedPools = TrustedPoolsJson(pools);
        var functions = served.Functions = CreateFunctions(config, pools, trustedPools, cognito.Endpoint, dynalite.Endpoint, servicesPort, policyStore);
        await CreateTableAsync(dynalite.Endpoint);
        await SeedDemoUsersAsync(pools, options.DemoPassword, cognito.Endpoint);
        served.Gateway = CreateGateway(config, trustedPools, functions, policyStore, output);

        output.WriteLine($"Pet Store API listening on http://127.0.0.1:{options.Port} (environment {config.Name}, stage {config.StageName})");
        output.WriteLine($"Demo users (password given by --demo-password): {string.Join(", ", CognitoSeeder.DemoUsers.Select(u => $"{u.Username} ({u.Group})"))}");
        output.WriteLine($"Policies are read from {cedarDirectory} and reloaded when they change. Ctrl-C stops everything.");

        try
        {
            await app.WaitForShutdownAsync();
        }
        finally
        {
            served.Gateway = null;
            policyStore.Dispose();
            await app.DisposeAsync();
            output.WriteLine("Stopped.");
        }
        return 0;
    }

    private static NodeTools.NodeTools RequireNodeTools()
    {
        var tools = NodeTools.NodeTools.Locate();
        foreach (var package in new[] { "dynalite", "cognito-local", Path.Combine("@cedar-policy", "cedar-wasm") })
            tools.Package(package, "package.json");
        return tools;
    }

    /// <summary>Only ever local credentials: nothing in this process may reach a real AWS account.</summary>
    private static void UseLocalCredentialsOnly()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "local");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    /// <summary>The API on 127.0.0.1:<paramref name="port"/> and the stand-ins on <paramref name="servicesPort"/>, answering 503 until started.</summary>
    private static async Task<WebApplication> StartHostAsync(int port, int servicesPort, Served served)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, KestrelErrorsAsJson.Apply);
            kestrel.Listen(IPAddress.Loopback, servicesPort);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Connection.LocalPort == servicesPort)
                await ServeStandInsAsync(context, served.PolicyStore, served.Functions);
            else if (served.Gateway is { } gateway)
                await gateway.HandleAsync(context);
            else
                await WriteJsonAsync(context.Response, 503, new JsonObject { ["message"] = "The local Pet Store is starting." });
        });

        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            throw new MissingPrerequisiteException($"Cannot listen on 127.0.0.1:{port}: {e.Message} Choose another --port.");
        }
        return app;
    }

    /// <summary>The configured pools, made in cognito-local as the Identity stack makes them in Cognito.</summary>
    private static async Task<List<(UserPoolConfig Config, LocalUserPool Local)>> CreatePoolsAsync(DeploymentConfig config, Uri cognitoEndpoint)
    {
        using var http = new HttpClient();
        var seeder = new CognitoSeeder(http, cognitoEndpoint);
        var pools = new List<(UserPoolConfig Config, LocalUserPool Local)>();
        foreach (var pool in config.UserPools)
            pools.Add((pool, await seeder.CreatePoolAsync(pool.Name, pool.Groups, config.AccessTokenValidityMinutes)));
        return pools;
    }

    private static string TrustedPoolsJson(List<(UserPoolConfig Config, LocalUserPool Local)> pools) =>
        LocalUserPool.TrustedPoolsJson(pools.Select(p => (p.Local, p.Config.Groups)));

    /// <summary>The functions, with the environment variables the CDK app sets, pointed at the local stand-ins.</summary>
    private static LocalFunctions CreateFunctions(DeploymentConfig config, List<(UserPoolConfig Config, LocalUserPool Local)> pools, string trustedPools,
        Uri cognitoEndpoint, Uri dynamoEndpoint, int servicesPort, PolicyStoreStandIn policyStore)
    {
        var signUpPool = pools.Single(p => p.Config.SelfSignUp).Local;
        return new LocalFunctions(
            common: new Dictionary<string, string> { [FunctionVariables.Region] = Region },
            users: new Dictionary<string, string>
            {
                [FunctionVariables.UserPoolId] = signUpPool.UserPoolId,
                [FunctionVariables.UserPoolClientId] = signUpPool.ClientId,
                [FunctionVariables.SignUpConfirmation] = config.SignUpConfirmation.ToString(),
                [FunctionVariables.CognitoEndpoint] = cognitoEndpoint.ToString(),
                [FunctionVariables.TrustedUserPools] = trustedPools,
            },
            pets: new Dictionary<string, string>
            {
                [FunctionVariables.PetsTableName] = PetsTable,
                [FunctionVariables.DynamoDbEndpoint] = dynamoEndpoint.ToString(),
            },
            authorizer: new Dictionary<string, string>
            {
                [FunctionVariables.PolicyStoreId] = PolicyStoreStandIn.PolicyStoreId,
                [FunctionVariables.TrustedUserPools] = trustedPools,
                [FunctionVariables.AvpTimeoutMs] = config.Authorization.AvpTimeoutMs.ToString(CultureInfo.InvariantCulture),
                [FunctionVariables.VerifiedPermissionsEndpoint] = $"http://127.0.0.1:{servicesPort}/",
                [FunctionVariables.PolicyScopes] = PolicyScopes.ToJson(policyStore.Definition.Inputs.Plans(config.Authorization.CacheTtlSeconds)),
            });
    }

    /// <summary>The pets table in dynalite, as the Data stack declares it.</summary>
    private static Task CreateTableAsync(Uri dynamoEndpoint) =>
        DynamoPetRepository.CreateTableAsync(DynamoPetRepository.Client(dynamoEndpoint, Region, TimeSpan.FromSeconds(10)), PetsTable);

    /// <summary>
    /// API Gateway: the Cognito authorizer's check on signed-in routes, and the Lambda authorizer deployed as a
    /// deployment does it (the cache plans from the policies, the authorizer told what its answers cover), again on
    /// every policy reload.
    /// </summary>
    private static LocalApiGateway CreateGateway(DeploymentConfig config, string trustedPools, LocalFunctions functions,
        PolicyStoreStandIn policyStore, TextWriter output)
    {
        var cognitoAuthorizer = new AccessTokenValidator(TrustedPool.ParseList(trustedPools), new JwksCache(new HttpClient(), TimeProvider.System));
        var lambdaAuthorizer = new LambdaAuthorizerEmulation(TimeProvider.System);
        void Deploy(PolicyStoreDefinition definition, bool redeploy)
        {
            var plans = definition.Inputs.Plans(config.Authorization.CacheTtlSeconds);
            var function = redeploy
                ? functions.DeployAuthorizer(new Dictionary<string, string> { [FunctionVariables.PolicyScopes] = PolicyScopes.ToJson(plans) })
                : functions.Authorizer;
            lambdaAuthorizer.Deploy(plans, function);
            foreach (var (route, plan) in plans)
                output.WriteLine(plan.Cached
                    ? $"Cedar: {route}: authorizer answers cached {plan.TtlSeconds} s per token, verb and route."
                    : $"Cedar: {route}: authorizer answers not cached: {string.Join("; ", definition.Inputs.Uncacheable(route).Select(r => r.ToString()).DefaultIfEmpty("caching is off"))}.");
        }
        Deploy(policyStore.Definition, redeploy: false);
        policyStore.Reloaded += definition => Deploy(definition, redeploy: true);
        return new LocalApiGateway(functions, cognitoAuthorizer, config.StageName, lambdaAuthorizer);
    }

    /// <summary>Each demo user goes to the sign-up pool if it holds the user's group, else to the first pool that does.</summary>
    private static async Task SeedDemoUsersAsync(List<(UserPoolConfig Config, LocalUserPool Local)> pools, string password, Uri endpoint)
    {
        foreach (var user in CognitoSeeder.DemoUsers)
        {
            var pool = pools.Where(p => p.Config.Groups.Contains(user.Group)).OrderByDescending(p => p.Config.SelfSignUp).Select(p => p.Local).FirstOrDefault();
            if (pool is null) continue;
            var client = CognitoClient.Create(endpoint, Region, TimeSpan.FromSeconds(10), pool.UserPoolId, pool.ClientId);
            await client.SignUpAsync(user.Username, password, $"{user.Username}@petstore.local");
            await client.AdminConfirmSignUpAsync(user.Username);
            await client.AdminAddUserToGroupAsync(user.Username, user.Group);
        }
    }

    /// <summary>The second port: Verified Permissions' IsAuthorized, and the Cognito trigger cognito-local calls.</summary>
    private static async Task ServeStandInsAsync(HttpContext context, PolicyStoreStandIn? policyStore, LocalFunctions? functions)
    {
        var request = context.Request;
        if (request.Method == "POST" && request.Path == TriggerPath && functions is not null)
        {
            var result = await functions.TokenScopes(request.Body);
            context.Response.ContentType = "application/json";
            await result.CopyToAsync(context.Response.Body);
            return;
        }

        if (request.Method == "POST" && request.Path == "/" && policyStore is not null &&
            request.Headers["X-Amz-Target"] == $"{VerifiedPermissionsClient.TargetPrefix}.IsAuthorized")
        {
            // Credentials are not checked here, but the request must be signed as it would be for AWS.
            if (!request.Headers.Authorization.ToString().StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            {
                await WriteJsonAsync(context.Response, 403, PolicyStoreStandIn.Error("MissingAuthenticationTokenException", "Missing Authentication Token"));
                return;
            }
            var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            var (status, answer) = body is null
                ? (400, PolicyStoreStandIn.Error("ValidationException", "The request body must be a JSON object."))
                : policyStore.IsAuthorized(body);
            await WriteJsonAsync(context.Response, status, answer);
            return;
        }

        await WriteJsonAsync(context.Response, 404, PolicyStoreStandIn.Error("UnknownOperationException", "Not served by local mode."));
    }

    private static async Task WriteJsonAsync(HttpResponse response, int status, JsonObject body)
    {
        response.StatusCode = status;
        response.ContentType = "application/x-amz-json-1.0";
        await response.WriteAsync(body.ToJsonString());
    }
}
