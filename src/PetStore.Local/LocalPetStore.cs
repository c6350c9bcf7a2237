using System.Globalization;
using System.Net;
using System.Text.Json;
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
using PetStore.Aws;
using PetStore.Lambdas.Orders;
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
    private const string OrdersTable = "Orders";
    public const string TenantsTable = "Tenants";

    /// <summary>Where the onboarding CLI finds what it manages in local mode (<c>--local</c>).</summary>
    public const string TargetsPath = "/local/targets";
    private const string TriggerPath = "/trigger/pre-token-generation";

    /// <summary>What the two ports serve; filled in as the parts start (until then the API port answers 503).</summary>
    private sealed class Served(ApiKeysStandIn apiKeys, DemoIssuer demoIssuer)
    {
        public readonly ApiKeysStandIn ApiKeys = apiKeys;
        public readonly DemoIssuer DemoIssuer = demoIssuer;
        public LocalApiGateway? Gateway;
        public PolicyStoreStandIn? PolicyStore;
        public LocalFunctions? Functions;
        public JsonObject? Targets;
        public CognitoSessionGuard? CognitoGuard;
    }

    public static async Task<int> RunAsync(LocalOptions options, TextWriter output)
    {
        var tools = RequireNodeTools();
        var config = ConfigLoader.FromCdkJson(Path.Combine(tools.RepositoryRoot, "cdk.json"), options.Environment);
        var cedarDirectory = options.CedarDirectory ?? Path.Combine(tools.RepositoryRoot, "cedar");
        UseLocalCredentialsOnly();

        var servicesPort = ServicesPort(options.Port);
        using var demoIssuer = new DemoIssuer($"http://127.0.0.1:{servicesPort}{DemoIssuer.PathPrefix}", options.DemoPassword, TimeProvider.System);
        var served = new Served(new ApiKeysStandIn(config), demoIssuer);
        var app = await StartHostAsync(options.Port, servicesPort, served);

        // A stand-in that dies is started again on its data; requests meanwhile get 503s that say retry.
        void Notice(string message) => output.WriteLine($"Stand-in: {message}");
        await using var dynalite = await Dynalite.StartAsync(tools, notice: Notice);
        await using var cognito = await CognitoLocal.StartAsync(tools,
            preloads: [Path.Combine(tools.RepositoryRoot, "tools", "local", "cognito-local-v2-trigger.cjs")],
            environment: new Dictionary<string, string> { ["PETSTORE_PRE_TOKEN_TRIGGER_URL"] = $"http://127.0.0.1:{servicesPort}{TriggerPath}" },
            notice: Notice);
        using var engine = CedarEngine.Start(tools);
        var policyStore = served.PolicyStore = new PolicyStoreStandIn(engine, cedarDirectory, output);

        var pools = await CreatePoolsAsync(config, cognito.Endpoint);
        var trustedIssuers = TrustedIssuersJson(config, pools, demoIssuer);
        served.CognitoGuard = new CognitoSessionGuard(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, cognito.Endpoint, TimeProvider.System);
        var guardedCognito = new Uri($"http://127.0.0.1:{servicesPort}{CognitoSessionGuard.PathPrefix}/");
        var functions = served.Functions = CreateFunctions(config, pools, trustedIssuers, guardedCognito, dynalite.Endpoint, servicesPort, policyStore);
        await CreateTablesAsync(dynalite.Endpoint);
        var authenticators = await SeedDemoUsersAsync(pools, options.DemoPassword, cognito.Endpoint);
        using var accessLog = options.AccessLogFile is { } file ? new StreamWriter(file, append: true) : null;
        served.Gateway = CreateGateway(config, functions, policyStore, served.ApiKeys, output, accessLog,
            options.EdgeLimits ? new EdgeRateRules(config.Perimeter, TimeProvider.System, EdgeRateRules.DefaultEvaluation) : null);
        served.Targets = Targets(config, pools, trustedIssuers, dynalite.Endpoint, cognito.Endpoint, servicesPort);

        output.WriteLine($"Pet Store API listening on http://127.0.0.1:{options.Port} (environment {config.Name}, stage {config.StageName})");
        output.WriteLine($"Demo users (password given by --demo-password): {string.Join("; ", CognitoSeeder.DemoUsers)}");
        foreach (var (pool, user, secret) in authenticators)
            output.WriteLine($"Pool {pool} requires MFA: {user} signs in with a TOTP code from base32 secret {secret} (oathtool --totp -b {secret}).");
        output.WriteLine($"Demo OIDC issuer {demoIssuer.Issuer}: tokens from POST {demoIssuer.TokenEndpoint} (client_secret: the demo password).");
        output.WriteLine($"Tenants: dotnet run --project src/PetStore.Tenants -- --local http://127.0.0.1:{servicesPort} list");
        output.WriteLine($"Policies are read from {cedarDirectory} and reloaded when they change. Ctrl-C stops everything.");

        app.Lifetime.ApplicationStopping.Register(() =>
        {
            dynalite.StopRestarting();
            cognito.StopRestarting();
        });
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

    /// <summary>
    /// The stand-ins' port. With the default API port, 3001 when it is free, so the documented demo issuer URL works (docs/TENANTS-AND-IDENTITY.md);
    /// otherwise any free port (never port + 1 blindly: side-by-side instances pick their ports at random). Printed
    /// either way.
    /// </summary>
    private static int ServicesPort(int port) =>
        port == LocalOptions.DefaultPort && PortIsFree(LocalOptions.DefaultPort + 1) ? LocalOptions.DefaultPort + 1 : NodeService.FreePort();

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
            try
            {
                if (TransferCodings.Unsupported(context.Request) is { } coding)
                    await WriteJsonAsync(context.Response, 501, new JsonObject { ["message"] = TransferCodings.Message(coding) }, "application/json");
                else if (context.Connection.LocalPort == servicesPort)
                    await ServeStandInsAsync(context, served);
                else if (served.Gateway is { } gateway)
                    await gateway.HandleAsync(context);
                else
                    await WriteJsonAsync(context.Response, 503, new JsonObject { ["message"] = "The local Pet Store is starting." });
            }
            catch (Exception e) when (!context.Response.HasStarted && e is BadHttpRequestException or InvalidDataException)
            {
                // A body or form Kestrel cannot read (bad framing, a form key over its limit): the client's fault.
                await WriteJsonAsync(context.Response, 400, new JsonObject { ["message"] = $"Bad request: {e.Message}" }, "application/json");
            }
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

    /// <summary>The same contract the Api stack writes: the pools (at cognito-local), the configured OIDC providers, and the demo issuer.</summary>
    private static string TrustedIssuersJson(DeploymentConfig config, List<(UserPoolConfig Config, LocalUserPool Local)> pools, DemoIssuer demoIssuer) =>
        TrustedIssuers.ToJson([
            .. pools.Select(p => p.Local.ToTrustedIssuer(p.Config)),
            .. config.OidcProviders.Select(p => p.ToTrustedIssuer()),
            demoIssuer.Trusted]);

    /// <summary>
    /// The functions, with the settings the CDK app gives them (<see cref="FunctionSettings"/>) and, for each AWS service
    /// a function calls, the endpoint of its stand-in.
    /// </summary>
    private static LocalFunctions CreateFunctions(DeploymentConfig config, List<(UserPoolConfig Config, LocalUserPool Local)> pools, string trustedIssuers,
        Uri cognitoEndpoint, Uri dynamoEndpoint, int servicesPort, PolicyStoreStandIn policyStore)
    {
        var signUpPool = pools.Single(p => p.Config.SelfSignUp).Local;
        var deployed = new Dictionary<string, string>
        {
            [FunctionVariables.UserPoolId] = signUpPool.UserPoolId,
            [FunctionVariables.UserPoolClientId] = signUpPool.ClientId,
            [FunctionVariables.TrustedIssuers] = trustedIssuers,
            [FunctionVariables.PetsTableName] = PetsTable,
            [FunctionVariables.OrdersTableName] = OrdersTable,
            [FunctionVariables.TenantsTableName] = TenantsTable,
            [FunctionVariables.PolicyStoreId] = PolicyStoreStandIn.PolicyStoreId,
        };
        foreach (var (variable, value) in PolicyDerived(policyStore.Definition, config)) deployed[variable] = value;
        var standIns = new Dictionary<string, string>
        {
            ["dynamodb"] = dynamoEndpoint.ToString(),
            ["cognito-idp"] = cognitoEndpoint.ToString(),
            ["verifiedpermissions"] = $"http://127.0.0.1:{servicesPort}/",
        };
        return new LocalFunctions(ApiManifest.Functions.ToDictionary(f => f, f => (IReadOnlyDictionary<string, string>)
            FunctionSettings.For(f, config, deployed)
                .Append(KeyValuePair.Create(FunctionVariables.Region, Region))
                .Concat(f.Services.Select(service => KeyValuePair.Create(FunctionVariables.EndpointFor(service), standIns[service])))
                .ToDictionary(kv => kv.Key, kv => kv.Value)));
    }

    /// <summary>The functions' variables the policies decide, as the CDK app derives them at synth.</summary>
    private static Dictionary<string, string> PolicyDerived(PolicyStoreDefinition definition, DeploymentConfig config) => new()
    {
        [FunctionVariables.PolicyScopes] = PolicyScopes.ToJson(definition.Inputs.Plans(config.Authorization.CacheTtlSeconds)),
        [FunctionVariables.OrdersListPlan] = definition.Inputs.OrdersListPlan.ToJson(),
        [FunctionVariables.PolicyVersion] = definition.Version,
    };

    /// <summary>The pets, orders and tenants tables in dynalite, as the Data stack declares them.</summary>
    private static async Task CreateTablesAsync(Uri dynamoEndpoint)
    {
        var dynamo = DynamoDb.Client(dynamoEndpoint, Region, TimeSpan.FromSeconds(10));
        await DynamoPetRepository.CreateTableAsync(dynamo, PetsTable);
        await DynamoOrderRepository.CreateTableAsync(dynamo, OrdersTable);
        await DynamoDb.CreateTableAsync(dynamo, TenantsTable, TenantRegistry.Key);
    }

    /// <summary>
    /// API Gateway: the Lambda authorizer on every protected route, deployed as a deployment does it (the policy routes'
    /// cache plans from the policies, the authorizer told what its answers cover; the signed-in routes' plan as the Api
    /// stack declares it), again on every policy reload; and the usage plans metering each request by its API key.
    /// </summary>
    private static LocalApiGateway CreateGateway(DeploymentConfig config, LocalFunctions functions, PolicyStoreStandIn policyStore,
        ApiKeysStandIn apiKeys, TextWriter output, TextWriter? accessLog, EdgeRateRules? edge)
    {
        var lambdaAuthorizer = new LambdaAuthorizerEmulation(TimeProvider.System);
        void Deploy(PolicyStoreDefinition definition, bool redeploy)
        {
            var plans = definition.Inputs.Plans(config.Authorization.CacheTtlSeconds);
            if (redeploy) functions.Redeploy(PolicyDerived(definition, config));
            var function = functions.Authorizer;
            var signedIn = DecisionCacheRule.SignedInPlan(config.Authorization.SignedInCacheTtlSeconds);
            lambdaAuthorizer.Deploy(plans.Concat(RouteTable.All.Where(r => r.IsAdmittedByToken).Select(r => KeyValuePair.Create(r, signedIn)))
                .ToDictionary(), function);
            foreach (var (route, reads) in definition.Inputs.ResourceRouteReads)
                output.WriteLine($"Cedar: {route}: decided by the {ApiManifest.For(route.Backend)} function on the {route.ResourceType} it acts on, every request" +
                    (reads.Count == 0 ? "." : $" (its policies read {string.Join(", ", reads.Select(r => r.ToString()).Order(StringComparer.Ordinal))})."));
            foreach (var (route, list) in definition.Inputs.ListPlans)
                output.WriteLine($"Cedar: {route}: {list.Describe()}.");
            foreach (var (route, plan) in plans)
                output.WriteLine(plan.Cached
                    ? $"Cedar: {route}: {plan.Describe()}."
                    : $"Cedar: {route}: {plan.Describe()}: {string.Join("; ", definition.Inputs.Uncacheable(route).Select(r => r.ToString()).DefaultIfEmpty("caching is off"))}.");
        }
        Deploy(policyStore.Definition, redeploy: false);
        policyStore.Reloaded += definition => Deploy(definition, redeploy: true);
        return new LocalApiGateway(functions, config.StageName, lambdaAuthorizer, new UsagePlanMeter(apiKeys, TimeProvider.System), accessLog, edge);
    }

    /// <summary>What the onboarding CLI manages in local mode, served at <see cref="TargetsPath"/>.</summary>
    private static JsonObject Targets(DeploymentConfig config, List<(UserPoolConfig Config, LocalUserPool Local)> pools, string trustedIssuers,
        Uri dynamoEndpoint, Uri cognitoEndpoint, int servicesPort) => new()
    {
        ["environment"] = config.Name,
        ["region"] = Region,
        ["tenantsTable"] = TenantsTable,
        ["dynamodb"] = dynamoEndpoint.ToString(),
        ["cognito"] = cognitoEndpoint.ToString(),
        ["apigateway"] = $"http://127.0.0.1:{servicesPort}/",
        ["userPools"] = new JsonObject([.. pools.Select(p => KeyValuePair.Create(p.Config.Name, (JsonNode?)p.Local.UserPoolId))]),
        ["trustedIssuers"] = trustedIssuers,
    };

    /// <summary>
    /// Each demo user goes to the sign-up pool if it holds the user's group, else to the first pool that does; then each
    /// pool gets the environment's MFA setting. Returns the authenticators registered for demo users of pools that require MFA.
    /// </summary>
    private static async Task<IReadOnlyList<(string Pool, string User, string Secret)>> SeedDemoUsersAsync(
        List<(UserPoolConfig Config, LocalUserPool Local)> pools, string password, Uri endpoint)
    {
        var members = pools.ToDictionary(p => p.Local, _ => new List<string>());
        using var http = new HttpClient();
        var seeder = new CognitoSeeder(http, endpoint);
        foreach (var user in CognitoSeeder.DemoUsers)
        {
            var pool = pools.Where(p => p.Config.Groups.Contains(user.Group)).OrderByDescending(p => p.Config.SelfSignUp).Select(p => p.Local).FirstOrDefault();
            if (pool is null) continue;
            var client = CognitoClient.Create(endpoint, Region, TimeSpan.FromSeconds(10), pool.UserPoolId, pool.ClientId);
            await client.SignUpAsync(user.Username, password, $"{user.Username}@petstore.local");
            await client.AdminConfirmSignUpAsync(user.Username);
            await client.AdminAddUserToGroupAsync(user.Username, user.Group);
            if (user.Stores.Length > 0) await seeder.SetStoresAsync(pool, user.Username, user.Stores);
            members[pool].Add(user.Username);
        }

        var authenticators = new List<(string, string, string)>();
        foreach (var (config, local) in pools)
            foreach (var (user, secret) in await seeder.ApplyMfaAsync(local, config.Mfa, members[local], password))
                authenticators.Add((config.Name, user, secret));
        return authenticators;
    }

    /// <summary>
    /// The second port: Verified Permissions' IsAuthorized, the Cognito trigger cognito-local calls, API Gateway's
    /// API-key and usage-plan operations (the onboarding CLI's), the demo OIDC issuer, and the CLI's local targets.
    /// </summary>
    private static async Task ServeStandInsAsync(HttpContext context, Served served)
    {
        try
        {
            await DispatchStandInAsync(context, served);
        }
        catch (JsonException e) when (!context.Response.HasStarted)
        {
            // An AWS service's answer to a body it cannot read.
            await WriteJsonAsync(context.Response, 400, PolicyStoreStandIn.Error("SerializationException", $"The request body is not valid JSON: {e.Message}"));
        }
        catch (Exception e) when (!context.Response.HasStarted && e is InvalidOperationException or NullReferenceException or KeyNotFoundException
            or ArgumentException or FormatException or InvalidCastException)
        {
            // JSON of the wrong shape (a number where a string belongs, a member missing): the stand-ins read their input
            // the short way, and a request is all that can have made it fail.
            await WriteJsonAsync(context.Response, 400, PolicyStoreStandIn.Error("ValidationException", $"The request does not have the shape this operation takes ({e.GetType().Name}: {e.Message})."));
        }
    }

    private static async Task DispatchStandInAsync(HttpContext context, Served served)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(DemoIssuer.PathPrefix, out var issuerPath))
        {
            var (status, answer) = served.DemoIssuer.Handle(request.Method, issuerPath.Value ?? "", request.ContentType,
                await ReadAtMostAsync(request.Body, DemoIssuer.MaxBodyBytes + 1));
            await WriteJsonAsync(context.Response, status, answer, "application/json");
            return;
        }
        if (request.Path.StartsWithSegments(CognitoSessionGuard.PathPrefix) && served.CognitoGuard is { } guard)
        {
            await guard.HandleAsync(context);
            return;
        }
                if (request.Method == "GET" && request.Path == TargetsPath && served.Targets is { } targets)
        {
            await WriteJsonAsync(context.Response, 200, targets, "application/json");
            return;
        }
        if (request.Path.StartsWithSegments("/apikeys") || request.Path.StartsWithSegments("/usageplans"))
        {
            await ServeApiKeysAsync(context, served.ApiKeys);
            return;
        }
        if (request.Method == "POST" && request.Path == TriggerPath && served.Functions is { } functions)
        {
            var result = await functions.TokenScopes(request.Body);
            context.Response.ContentType = "application/json";
            await result.CopyToAsync(context.Response.Body);
            return;
        }
        if (request.Method == "POST" && request.Path == "/" && served.PolicyStore is { } policyStore &&
            request.Headers["X-Amz-Target"].ToString() is $"{VerifiedPermissionsClient.TargetPrefix}.IsAuthorized" or $"{VerifiedPermissionsClient.TargetPrefix}.BatchIsAuthorized")
        {
            await ServeIsAuthorizedAsync(context, policyStore);
            return;
        }

        await WriteJsonAsync(context.Response, 404, PolicyStoreStandIn.Error("UnknownOperationException", "Not served by local mode."));
    }

    /// <summary>API Gateway's API-key and usage-plan operations, signed as for AWS (credentials are not checked).</summary>
    private static async Task ServeApiKeysAsync(HttpContext context, ApiKeysStandIn apiKeys)
    {
        var request = context.Request;
        if (!IsSigned(request))
        {
            await WriteJsonAsync(context.Response, 403, ApiKeysStandIn.Error("MissingAuthenticationTokenException", "Missing Authentication Token"), "application/json");
            return;
        }
        var text = await new StreamReader(request.Body).ReadToEndAsync();
        var body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject ?? throw new JsonException("The request body must be a JSON object.") : null;
        var (status, answer) = apiKeys.Handle(request.Method, request.Path.Value!, System.Web.HttpUtility.ParseQueryString(request.QueryString.Value ?? ""), body);
        if (ApiKeysStandIn.ErrorType(answer) is { } type) context.Response.Headers["x-amzn-ErrorType"] = type;
        context.Response.StatusCode = status;
        if (answer is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString());
        }
    }

    /// <summary>Verified Permissions' IsAuthorized and BatchIsAuthorized, signed as for AWS (credentials are not checked).</summary>
    private static async Task ServeIsAuthorizedAsync(HttpContext context, PolicyStoreStandIn policyStore)
    {
        var batch = context.Request.Headers["X-Amz-Target"].ToString().EndsWith(".BatchIsAuthorized", StringComparison.Ordinal);
        if (!IsSigned(context.Request))
        {
            await WriteJsonAsync(context.Response, 403, PolicyStoreStandIn.Error("MissingAuthenticationTokenException", "Missing Authentication Token"));
            return;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        var (status, answer) = body is null
            ? (400, PolicyStoreStandIn.Error("ValidationException", "The request body must be a JSON object."))
            : await policyStore.DecideAsync(body, batch);
        await WriteJsonAsync(context.Response, status, answer);
    }

    /// <summary>The body, but no more than <paramref name="limit"/> bytes of it.</summary>
    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)))) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private static bool IsSigned(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal);

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task WriteJsonAsync(HttpResponse response, int status, JsonObject body, string contentType = "application/x-amz-json-1.0")
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        await response.WriteAsync(body.ToJsonString());
    }
}
