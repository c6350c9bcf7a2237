using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using PetStore.Configuration;
using PetStore.Contract;
using PetStore.Aws;

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
        string answer;
        try
        {
            answer = await http.GetStringAsync(new Uri(services, "local/targets"), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new TenantsException($"Local mode does not answer at {services} ({e.Message}). Start it (dotnet run --project src/PetStore.Local) and pass the services URL it prints.");
        }

        JsonObject targets;
        try
        {
            targets = JsonNode.Parse(answer) as JsonObject ?? throw new FormatException("not a JSON object");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw Unreadable(services, e.Message);
        }
        if (Text(targets, "environment", services) != config.Name)
            throw new TenantsException($"Local mode at {services} runs environment '{targets["environment"]}', not '{config.Name}': pass --env to match.");
        IReadOnlyList<TrustedIssuer> issuers;
        try
        {
            issuers = TrustedIssuers.Parse(Text(targets, "trustedIssuers", services));
        }
        catch (InvalidOperationException e)
        {
            throw Unreadable(services, e.Message);
        }
        var pools = targets["userPools"] as JsonObject ?? throw Unreadable(services, "userPools is not an object");
        return new TenantTargets(
            config,
            Text(targets, "region", services),
            Text(targets, "tenantsTable", services),
            pools.ToDictionary(p => p.Key, p => Text(pools, p.Key, services)),
            [.. issuers.Select(TenantIssuer.From)],
            Url(targets, "dynamodb", services),
            Url(targets, "cognito", services),
            Url(targets, "apigateway", services));
    }

    /// <summary>A string member of local mode's answer.</summary>
    private static string Text(JsonObject answer, string name, Uri services) =>
        answer[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Unreadable(services, $"{name} is not a string");

    private static Uri Url(JsonObject answer, string name, Uri services) =>
        Uri.TryCreate(Text(answer, name, services), UriKind.Absolute, out var uri) ? uri : throw Unreadable(services, $"{name} is not a URL");

    private static TenantsException Unreadable(Uri services, string why) =>
        new($"Local mode at {services} answered local/targets with something this CLI cannot read ({why}): is it local mode of this checkout?");

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
        AwsHttp.Signed(CognitoProtocol.SigningService, Region, Timeout, AwsHttp.FromSdk(credentials)),
        AwsHttp.Endpoint(CognitoEndpoint?.ToString(), CognitoProtocol.SigningService, Region), CognitoProtocol.TargetPrefix, CognitoProtocol.JsonVersion));
}
