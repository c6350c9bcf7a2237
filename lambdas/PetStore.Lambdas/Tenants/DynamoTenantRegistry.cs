using PetStore.Contract;
using PetStore.Aws;
using PetStore.Aws.Dynamo;

namespace PetStore.Lambdas.Tenants;

/// <summary>
/// The registry table through DynamoDB's JSON 1.0 protocol: one <c>GetItem</c> per lookup, SigV4-signed for the
/// <c>dynamodb</c> service, the only call the authorizer's role may make on it. A thin client rather than
/// AWSSDK.DynamoDBv2, whose start-up would add to every cold start of the trimmed authorizer.
/// </summary>
public sealed class DynamoTenantRegistry(AwsJsonClient api, string tableName) : ITenantRegistry
{
    /// <summary>The registry at <paramref name="endpoint"/>, signed with <paramref name="credentials"/> for the region.</summary>
    public static DynamoTenantRegistry Create(Uri endpoint, string region, TimeSpan timeout, AwsCredentials credentials, string tableName) =>
        new(DynamoDb.Client(endpoint, region, timeout, credentials), tableName);

    public async Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        // DynamoDB would refuse the key (ValidationException), and no tenant can have it: not registered.
        if (!TenantRegistry.FitsKey(identityKey)) return null;
        // TenantRegistry.AuthorizerActions: the authorizer's grant on the table is exactly the calls made here.
        var response = await api.CallAsync("GetItem",
            new GetItemRequest(tableName, new Dictionary<string, AttributeValue> { [TenantRegistry.Key] = new(S: identityKey) }),
            DynamoJson.Default.GetItemRequest, DynamoJson.Default.GetItemResponse, cancellationToken);
        return response.Item is { } item ? Read(item) : null;
    }

    /// <summary>An item the CLI wrote; one that is incomplete or unreadable is treated as no tenant (fail closed).</summary>
    internal static TenantEntry? Read(IReadOnlyDictionary<string, AttributeValue> item)
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
