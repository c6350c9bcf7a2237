using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using PetStore.Configuration;
using PetStore.Contract;
using PetStore.Lambdas.Aws;
using PetStore.Lambdas.Users;

namespace PetStore.Tenants;

/// <summary>
/// What the CLI manages and where: AWS (the region, the registry table and the pools' ids, from the stacks' outputs) or
/// local mode (which says all of it at <c>/local/targets</c> on its services port). The clients are the same either
/// way; only their endpoints differ.
/// </summary>
public sealed record TenantTargets(
    DeploymentConfig Config, string Region, string TenantsTable, IReadOnlyDictionary<string, string> UserPoolIds, IReadOnlyList<TenantIssuer> Issuers,
    Uri? DynamoDbEndpoint, Uri? CognitoEndpoint, Uri? ApiGatewayEndpoint)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<TenantTargets> LocalAsync(DeploymentConfig config, Uri services, HttpClient http, CancellationToken cancellationToken = default)
    {
        JsonNode? targets;
        try
        {
            targets = JsonNode.Parse(await http.GetStringAsync(new Uri(services, "local/targets"), cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw new TenantsException($"Local mode does not answer at {services} ({e.Message}). Start it (dotnet run --project src/PetStore.Local) and pass the services URL it prints.");
        }
        if (targets?["environment"]?.GetValue<string>() != config.Name)
            throw new TenantsException($"Local mode at {services} runs environment '{targets?["environment"]}', not '{config.Name}': pass --env to match.");
        return new TenantTargets(
            config,
            targets["region"]!.GetValue<string>(),
            targets["tenantsTable"]!.GetValue<string>(),
            targets["userPools"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            [.. TrustedIssuers.Parse(targets["trustedIssuers"]!.GetValue<string>()).Select(TenantIssuer.From)],
            new Uri(targets["dynamodb"]!.GetValue<string>()),
            new Uri(targets["cognito"]!.GetValue<string>()),
            new Uri(targets["apigateway"]!.GetValue<string>()));
    }

    public ITenantStore Store(AWSCredentials credentials)
    {
        var settings = new AmazonDynamoDBConfig();
        if (DynamoDbEndpoint is { } endpoint) (settings.ServiceURL, settings.AuthenticationRegion) = (endpoint.ToString(), Region);
        else settings.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region);
        return new DynamoTenantStore(new AmazonDynamoDBClient(credentials, settings), TenantsTable);
    }

    public IApiKeys ApiKeys(AWSCredentials credentials) => new ApiGatewayClient(
        AwsHttp.Signed(ApiGatewayClient.SigningService, Region, Timeout, AwsHttp.FromSdk(credentials)),
        ApiGatewayEndpoint ?? new Uri($"https://apigateway.{Region}.amazonaws.com/"));

    public ITenantClients Clients(AWSCredentials credentials) => new CognitoTenantClients(new AwsJsonClient(
        AwsHttp.Signed(CognitoClient.SigningService, Region, Timeout, AwsHttp.FromSdk(credentials)),
        AwsHttp.Endpoint(CognitoEndpoint?.ToString(), "cognito-idp", Region), CognitoClient.TargetPrefix, CognitoClient.JsonVersion));
}
