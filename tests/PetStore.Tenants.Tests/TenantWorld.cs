using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using PetStore.Configuration;
using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Users;
using PetStore.Local;

namespace PetStore.Tenants.Tests;

/// <summary>
/// What one test onboards into: dev's configuration with tenants in the Users pool and an OIDC provider, a fresh
/// registry table in dynalite, a fresh pool in cognito-local and a fresh API Gateway key and plan stand-in.
/// </summary>
public sealed class TenantWorld : IDisposable
{
    private static readonly AWSCredentials Local = new BasicAWSCredentials("local", "local");
    private readonly AmazonDynamoDBClient _dynamo;
    private readonly Uri _cognito;

    public static DeploymentConfig Config { get; } = Configure();

    private TenantWorld(Emulators emulators, string table, string poolId)
    {
        _dynamo = new AmazonDynamoDBClient(Local, new AmazonDynamoDBConfig { ServiceURL = emulators.DynamoDb.ToString(), AuthenticationRegion = "us-east-1" });
        Table = table;
        PoolId = poolId;
        _cognito = emulators.Cognito;
        StandIn = new ApiKeysStandIn(Config);
        Handler = new ApiKeysHandler(StandIn);
        Store = new FailingStore(new DynamoTenantStore(_dynamo, table));
        ApiKeys = new FailingApiKeys(new ApiGatewayClient(new HttpClient(Handler), new Uri("http://apigateway.local/")));
        Clients = new CognitoTenantClients(new AwsJsonClient(AwsHttp.Signed(CognitoClient.SigningService, "us-east-1", TimeSpan.FromSeconds(10), AwsHttp.FromSdk(Local)),
            emulators.Cognito, CognitoClient.TargetPrefix, CognitoClient.JsonVersion));
    }

    public string Table { get; }
    public string PoolId { get; }
    public ApiKeysStandIn StandIn { get; }
    public ApiKeysHandler Handler { get; }
    public FailingStore Store { get; }
    public FailingApiKeys ApiKeys { get; }
    public CognitoTenantClients Clients { get; }
    public StringWriter Output { get; } = new();

    public TenantOnboarding Onboarding => OnboardingWith(Config);

    /// <summary>The CLI under another configuration of the same environment (a tier retired, say), on the same world.</summary>
    public TenantOnboarding OnboardingWith(DeploymentConfig config) => new(config, TenantIssuer.FromConfig(config),
        new Dictionary<string, string> { ["Users"] = PoolId }, Store, ApiKeys, Clients, Output);

    public static async Task<TenantWorld> CreateAsync(Emulators emulators)
    {
        var table = $"Tenants{Guid.NewGuid():N}";
        using var dynamo = new AmazonDynamoDBClient(Local, new AmazonDynamoDBConfig { ServiceURL = emulators.DynamoDb.ToString(), AuthenticationRegion = "us-east-1" });
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table, BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new(TenantRegistry.Key, ScalarAttributeType.S)], KeySchema = [new(TenantRegistry.Key, KeyType.HASH)],
        });
        while ((await dynamo.DescribeTableAsync(table)).Table.TableStatus != TableStatus.ACTIVE) await Task.Delay(20);
        using var http = new HttpClient();
        var pool = await new CognitoSeeder(http, emulators.Cognito).CreatePoolAsync("Users", Groups.All, 60);
        return new TenantWorld(emulators, table, pool.UserPoolId);
    }

    /// <summary>The pool's app clients by name, as cognito-local holds them.</summary>
    public async Task<IReadOnlyList<string>> ClientNamesAsync()
    {
        var names = new List<string>();
        foreach (var name in new[] { TenantRegistry.ClientName("acme"), TenantRegistry.ClientName("globex"), TenantRegistry.ClientName("initech") })
            if (await Clients.FindClientAsync(PoolId, name) is not null) names.Add(name);
        return names;
    }

    /// <summary>An app client as cognito-local holds it (DescribeUserPoolClient's <c>UserPoolClient</c>).</summary>
    public async Task<JsonObject> DescribeClientAsync(string name)
    {
        var id = await Clients.FindClientAsync(PoolId, name) ?? throw new InvalidOperationException($"no app client {name}");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _cognito)
        {
            Content = JsonContent.Create(new JsonObject { ["UserPoolId"] = PoolId, ["ClientId"] = id }),
        };
        request.Content.Headers.ContentType = new($"application/x-amz-json-{CognitoClient.JsonVersion}");
        request.Headers.Add("X-Amz-Target", $"{CognitoClient.TargetPrefix}.DescribeUserPoolClient");
        using var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["UserPoolClient"]!.AsObject();
    }

    /// <summary>The API keys the stand-in holds, but the interactive ones.</summary>
    public IReadOnlyList<string> TenantKeyNames() =>
        [.. StandIn.Handle("GET", "/apikeys", [], null).Body!["item"]!.AsArray().Select(k => k!["name"]!.GetValue<string>())
            .Except(UsagePlanNames.InteractiveKeyNames(Config.Name, Config.UsagePlans.InteractiveKeys))];

    /// <summary>Which tier's plan holds a key value, if any.</summary>
    public string? TierOf(string keyValue) => StandIn.Metering(keyValue)?.Plan.Tier;

    private static DeploymentConfig Configure()
    {
        var dev = ConfigLoader.FromCdkJson(RepositoryLayout.Find().CdkJson, "dev");
        return dev with
        {
            UserPools = [.. dev.UserPools.Select(p => p with { Tenants = new PoolTenantsConfig { DomainPrefix = "petstore-tests" } })],
            OidcProviders =
            [
                new OidcProviderConfig
                {
                    Name = "Partners", Issuer = "https://petstore-partners.eu.auth0.com/", Audiences = ["https://api.petstore.example"],
                    ClientIds = ["SpaClient123"], RequiredScope = "petstore:api", GroupsClaim = ["permissions"], TenantClaim = ["org_id"], Groups = [Groups.Customers],
                    MachineToken = new() { Claim = "gty", Value = "client-credentials" },
                },
            ],
        };
    }

    public void Dispose()
    {
        _dynamo.Dispose();
        Output.Dispose();
    }
}
