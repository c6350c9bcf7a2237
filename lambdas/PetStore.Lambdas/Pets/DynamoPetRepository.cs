using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using PetStore.Aws;
using PetStore.Aws.Dynamo;
using PetStore.Contract;
using static PetStore.Contract.PetsTableAccess;

namespace PetStore.Lambdas.Pets;

/// <summary>
/// Pets in one DynamoDB table keyed by <c>id</c>, over DynamoDB's JSON 1.0 protocol through a SigV4-signed
/// <see cref="AwsJsonClient"/>: three operations do not need the AWS SDK's DynamoDB client, whose setup cost most of the
/// pets function's cold start (docs/PERFORMANCE.md). Creation is conditional, so an existing pet is never replaced;
/// a change is conditional on the version read. Throttling and server errors are retried twice, as the SDK's default did.
/// A pet written before pets had stores and statuses reads as in <paramref name="homeStoreId"/> and available (docs/OPERATIONS.md).
/// </summary>
public sealed class DynamoPetRepository(AwsJsonClient dynamo, string tableName, string homeStoreId) : IPetRepository
{
    private const int Retries = 2;

    public async Task<bool> TryCreateAsync(Pet pet, CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAsync("PutItem",
                new PutItemRequest(tableName, ToItem(pet), "attribute_not_exists(#id)", new Dictionary<string, string> { ["#id"] = KeyAttribute }),
                DynamoJson.Default.PutItemRequest, DynamoJson.Default.DynamoEmptyResponse, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorType == "ConditionalCheckFailedException")
        {
            return false;
        }
    }

    public async Task<bool> TryReplaceAsync(Pet current, Pet changed, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<string, string> { ["#id"] = KeyAttribute, ["#v"] = VersionAttribute };
        try
        {
            await CallAsync("PutItem",
                current.Version == 0
                    ? new PutItemRequest(tableName, ToItem(changed with { Version = 1 }), "attribute_exists(#id) AND attribute_not_exists(#v)", names)
                    : new PutItemRequest(tableName, ToItem(changed with { Version = current.Version + 1 }), "#v = :v", new() { ["#v"] = VersionAttribute },
                        new() { [":v"] = new AttributeValue(N: current.Version.ToString(CultureInfo.InvariantCulture)) }),
                DynamoJson.Default.PutItemRequest, DynamoJson.Default.DynamoEmptyResponse, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorType == "ConditionalCheckFailedException")
        {
            return false;
        }
    }

    public async Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAsync("DeleteItem",
                new DeleteItemRequest(tableName, Key(id), "attribute_exists(#id)", new Dictionary<string, string> { ["#id"] = KeyAttribute }),
                DynamoJson.Default.DeleteItemRequest, DynamoJson.Default.DynamoEmptyResponse, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorType == "ConditionalCheckFailedException")
        {
            return false;
        }
    }

    public async Task<Pet?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("GetItem", new GetItemRequest(tableName, Key(id), ConsistentRead: true),
            DynamoJson.Default.GetItemRequest, DynamoJson.Default.GetItemResponse, cancellationToken);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<PetPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("Scan", new ScanRequest(tableName, limit, startAfterId is null ? null : Key(startAfterId)),
            DynamoJson.Default.ScanRequest, DynamoJson.Default.ScanResponse, cancellationToken);
        var pets = (response.Items ?? []).Select(FromItem).ToList();
        var lastId = response.LastEvaluatedKey is { Count: > 0 } last ? last[KeyAttribute].S : null;
        return new PetPage(pets, lastId);
    }

    /// <summary>
    /// Creates the table and waits until it is active. For local mode and tests only: in AWS the Data stack owns the
    /// table (same key schema).
    /// </summary>
    public static Task CreateTableAsync(AwsJsonClient dynamo, string tableName, CancellationToken cancellationToken = default) =>
        DynamoDb.CreateTableAsync(dynamo, tableName, KeyAttribute, cancellationToken);

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await dynamo.CallAsync(operation, request, requestType, responseType, cancellationToken);
            }
            catch (Exception e) when (attempt < Retries && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                // Full jitter on 25 ms, 50 ms: as the SDK's standard retry mode, without its machinery.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 25 << attempt)), cancellationToken);
            }
        }
    }

    internal static bool IsTransient(Exception e) => e switch
    {
        AwsServiceException aws => aws.IsTransient,
        HttpRequestException => true,
        _ => false,
    };

    private static Dictionary<string, AttributeValue> Key(string id) => new() { [KeyAttribute] = new AttributeValue(S: id) };

    private const string VersionAttribute = "version";

    internal static Dictionary<string, AttributeValue> ToItem(Pet pet) => new()
    {
        [KeyAttribute] = new AttributeValue(S: pet.Id),
        ["type"] = new AttributeValue(S: pet.Type),
        ["price"] = new AttributeValue(N: pet.Price.ToString(CultureInfo.InvariantCulture)),
        ["storeId"] = new AttributeValue(S: pet.StoreId),
        ["status"] = new AttributeValue(S: pet.Status),
        [VersionAttribute] = new AttributeValue(N: pet.Version.ToString(CultureInfo.InvariantCulture)),
    };

    private Pet FromItem(Dictionary<string, AttributeValue> item) => FromItem(item, homeStoreId);

    internal static Pet FromItem(Dictionary<string, AttributeValue> item, string homeStoreId) => new(
        item[KeyAttribute].S!,
        item["type"].S!,
        decimal.Parse(item["price"].N!, NumberStyles.Number, CultureInfo.InvariantCulture),
        item.TryGetValue("storeId", out var store) && store.S is { } storeId ? storeId : homeStoreId,
        item.TryGetValue("status", out var status) && status.S is { } text ? text : PetStatuses.Spell(PetStatus.Available),
        item.TryGetValue(VersionAttribute, out var version) && version.N is { } n ? long.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture) : 0);
}
