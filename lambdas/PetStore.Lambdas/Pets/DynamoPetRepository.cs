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
/// a change is conditional on the version read. Throttling and server errors are retried twice (<see cref="DynamoDb.CallAsync{TRequest, TResponse}"/>).
/// A pet written before pets had stores and statuses reads as in <paramref name="homeStoreId"/> and available (docs/OPERATIONS.md).
/// </summary>
public sealed class DynamoPetRepository(AwsJsonClient dynamo, string tableName, string homeStoreId) : IPetRepository
{
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
        var (condition, names, values) = IsAsRead(current);
        try
        {
            await CallAsync("PutItem", new PutItemRequest(tableName, ToItem(changed with { Version = current.Version + 1 }), condition, names, values),
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

    private Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        DynamoDb.CallAsync(dynamo, operation, request, requestType, responseType, cancellationToken);


    public const string VersionAttribute = "version";

    /// <summary>The order a pending pet is held by (<see cref="Pet.HeldBy"/>); absent when none holds it.</summary>
    public const string HeldByAttribute = "heldBy";

    /// <summary>
    /// The condition that the stored pet is still <paramref name="pet"/> as read: the same version (none, for a pet
    /// written before versions) and every attribute a decision saw, so neither a newer pet nor one deleted and made
    /// again under the same id takes a change decided on this one. An attribute read as its default (a pet from before
    /// stores) matches only while still absent. Names: <c>#id</c>, <c>#v</c>, <c>#type</c>, <c>#status</c>; values <c>:read…</c>.
    /// </summary>
    public static (string Condition, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) IsAsRead(Pet pet)
    {
        var names = new Dictionary<string, string> { ["#id"] = KeyAttribute, ["#v"] = VersionAttribute, ["#type"] = "type", ["#status"] = "status" };
        var values = new Dictionary<string, AttributeValue>
        {
            [":readType"] = new AttributeValue(S: pet.Type),
            [":readPrice"] = new AttributeValue(N: pet.Price.ToString(CultureInfo.InvariantCulture)),
            [":readStore"] = new AttributeValue(S: pet.StoreId),
            [":readStatus"] = new AttributeValue(S: pet.Status),
        };
        var version = pet.Version == 0 ? "attribute_not_exists(#v)" : "#v = :readVersion";
        if (pet.Version != 0) values[":readVersion"] = new AttributeValue(N: pet.Version.ToString(CultureInfo.InvariantCulture));
        return ($"attribute_exists(#id) AND {version} AND #type = :readType AND price = :readPrice" +
                " AND (storeId = :readStore OR attribute_not_exists(storeId)) AND (#status = :readStatus OR attribute_not_exists(#status))", names, values);
    }

    public static Dictionary<string, AttributeValue> Key(string id) => new() { [KeyAttribute] = new AttributeValue(S: id) };

    internal static Dictionary<string, AttributeValue> ToItem(Pet pet)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [KeyAttribute] = new AttributeValue(S: pet.Id),
            ["type"] = new AttributeValue(S: pet.Type),
            ["price"] = new AttributeValue(N: pet.Price.ToString(CultureInfo.InvariantCulture)),
            ["storeId"] = new AttributeValue(S: pet.StoreId),
            ["status"] = new AttributeValue(S: pet.Status),
            [VersionAttribute] = new AttributeValue(N: pet.Version.ToString(CultureInfo.InvariantCulture)),
        };
        if (pet.HeldBy is { } order) item[HeldByAttribute] = new AttributeValue(S: order);
        return item;
    }

    private Pet FromItem(Dictionary<string, AttributeValue> item) => FromItem(item, homeStoreId);

    internal static Pet FromItem(Dictionary<string, AttributeValue> item, string homeStoreId) => new(
        item[KeyAttribute].S!,
        item["type"].S!,
        decimal.Parse(item["price"].N!, NumberStyles.Number, CultureInfo.InvariantCulture),
        item.TryGetValue("storeId", out var store) && store.S is { } storeId ? storeId : homeStoreId,
        item.TryGetValue("status", out var status) && status.S is { } text ? text : PetStatuses.Spell(PetStatus.Available),
        item.TryGetValue(VersionAttribute, out var version) && version.N is { } n ? long.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture) : 0,
        item.TryGetValue(HeldByAttribute, out var held) ? held.S : null);
}
