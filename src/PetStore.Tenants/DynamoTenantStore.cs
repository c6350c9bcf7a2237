using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PetStore.Contract;

namespace PetStore.Tenants;

/// <summary>The registry table through AWSSDK.DynamoDBv2 (SigV4 with AWSSDK.Core's credentials chain).</summary>
public sealed class DynamoTenantStore(IAmazonDynamoDB dynamo, string tableName) : ITenantStore
{
    public async Task<IReadOnlyList<TenantRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<TenantRow>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = tableName, ExclusiveStartKey = start, ConsistentRead = true }, cancellationToken);
            rows.AddRange((page.Items ?? []).Select(Read).OfType<TenantRow>());
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (start is not null);
        return [.. rows.OrderBy(r => r.Tenant, StringComparer.Ordinal)];
    }

    public async Task<TenantRow?> FindByIdentityAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(identityKey), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? Read(item) : null;
    }

    public async Task InsertAsync(TenantRow row, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>
                {
                    [TenantRegistry.Key] = new() { S = row.IdentityKey },
                    [TenantRegistry.Tenant] = new() { S = row.Tenant },
                    [TenantRegistry.Issuer] = new() { S = row.Issuer },
                    [TenantRegistry.ExternalId] = new() { S = row.ExternalId },
                    [TenantRegistry.ApiKeyId] = new() { S = row.ApiKeyId },
                    [TenantRegistry.ApiKeyValue] = new() { S = row.ApiKeyValue },
                    [TenantRegistry.Tier] = new() { S = row.Tier },
                    [TenantRegistry.Status] = new() { S = Spell(row.Status) },
                    [TenantRegistry.CreatedClient] = new() { BOOL = row.CreatedClient },
                },
                // Never overwrite another tenant's identity.
                ConditionExpression = "attribute_not_exists(#k)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#k"] = TenantRegistry.Key },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new TenantsException($"The registry already has the identity {row.IdentityKey}.");
        }
    }

    public Task UpdateAsync(string identityKey, string tier, TenantStatus status, CancellationToken cancellationToken = default) =>
        dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(identityKey),
            UpdateExpression = "SET #t = :t, #s = :s",
            ConditionExpression = "attribute_exists(#k)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#t"] = TenantRegistry.Tier, ["#s"] = TenantRegistry.Status, ["#k"] = TenantRegistry.Key },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":t"] = new() { S = tier }, [":s"] = new() { S = Spell(status) } },
        }, cancellationToken);

    public Task DeleteAsync(string identityKey, CancellationToken cancellationToken = default) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(identityKey) }, cancellationToken);

    /// <summary>The registry's spelling of a status, which the authorizer reads (<c>active</c>, <c>suspended</c>).</summary>
    public static string Spell(TenantStatus status) => status.ToString().ToLowerInvariant();

    private static Dictionary<string, AttributeValue> Key(string identityKey) => new() { [TenantRegistry.Key] = new() { S = identityKey } };

    private static TenantRow? Read(Dictionary<string, AttributeValue> item)
    {
        string? Get(string name) => item.TryGetValue(name, out var value) ? value.S : null;
        if (Get(TenantRegistry.Tenant) is not { } tenant || Get(TenantRegistry.Issuer) is not { } issuer || Get(TenantRegistry.ExternalId) is not { } external)
            return null;
        return new TenantRow(tenant, issuer, external, Get(TenantRegistry.ApiKeyId) ?? "", Get(TenantRegistry.ApiKeyValue) ?? "", Get(TenantRegistry.Tier) ?? "",
            Get(TenantRegistry.Status) == Spell(TenantStatus.Active) ? TenantStatus.Active : TenantStatus.Suspended,
            item.TryGetValue(TenantRegistry.CreatedClient, out var created) && created.BOOL == true);
    }
}
