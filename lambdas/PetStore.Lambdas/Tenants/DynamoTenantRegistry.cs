using PetStore.Contract;
using PetStore.Lambdas.Aws;

namespace PetStore.Lambdas.Tenants;

/// <summary>
/// The registry table through DynamoDB's JSON 1.0 protocol: one <c>GetItem</c> per lookup, SigV4-signed for the
/// <c>dynamodb</c> service, the only call the authorizer's role may make on it. A thin client rather than
/// AWSSDK.DynamoDBv2, whose start-up would add to every cold start of the trimmed authorizer.
/// </summary>
public sealed class DynamoTenantRegistry(AwsJsonClient api, string tableName) : ITenantRegistry
{
    public const string TargetPrefix = "DynamoDB_20120810";
    public const string JsonVersion = "1.0";
    public const string SigningService = "dynamodb";

    /// <summary>The registry at <paramref name="endpoint"/>, signed with <paramref name="credentials"/> for the region.</summary>
    public static DynamoTenantRegistry Create(Uri endpoint, string region, TimeSpan timeout, AwsCredentials credentials, string tableName) => new(
        new AwsJsonClient(AwsHttp.Signed(SigningService, region, timeout, credentials), endpoint, TargetPrefix, JsonVersion),
        tableName);

    public async Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        // TenantRegistry.AuthorizerActions: the authorizer's grant on the table is exactly the calls made here.
        var response = await api.CallAsync("GetItem",
            new GetItemRequest(tableName, new Dictionary<string, ItemValue> { [TenantRegistry.Key] = new() { S = identityKey } }),
            TenantRegistryJson.Default.GetItemRequest, TenantRegistryJson.Default.GetItemResponse, cancellationToken);
        return response.Item is { } item ? Read(item) : null;
    }

    /// <summary>An item the CLI wrote; one that is incomplete or unreadable is treated as no tenant (fail closed).</summary>
    public static TenantEntry? Read(IReadOnlyDictionary<string, ItemValue> item)
    {
        string? Get(string name) => item.GetValueOrDefault(name)?.S;
        if (Get(TenantRegistry.Tenant) is not { } tenant || Get(TenantRegistry.ApiKeyValue) is not { } key || Get(TenantRegistry.Tier) is not { } tier) return null;
        var status = Get(TenantRegistry.Status) switch
        {
            "active" => TenantStatus.Active,
            _ => TenantStatus.Suspended,
        };
        return new TenantEntry(tenant, key, tier, status);
    }
}
