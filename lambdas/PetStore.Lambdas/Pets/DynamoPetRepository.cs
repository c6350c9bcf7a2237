using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static PetStore.Contract.PetsTableAccess;

namespace PetStore.Lambdas.Pets;

/// <summary>Pets in one DynamoDB table keyed by <c>id</c>. Creation is conditional, so an existing pet is never replaced.</summary>
public sealed class DynamoPetRepository(IAmazonDynamoDB dynamo, string tableName) : IPetRepository
{
    public async Task<bool> TryCreateAsync(Pet pet, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = ToItem(pet),
                ConditionExpression = "attribute_not_exists(#id)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = KeyAttribute },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<Pet?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Key(id),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<PetPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.ScanAsync(new ScanRequest
        {
            TableName = tableName,
            Limit = limit,
            ExclusiveStartKey = startAfterId is null ? null : Key(startAfterId),
        }, cancellationToken);
        var pets = (response.Items ?? []).Select(FromItem).ToList();
        var lastId = response.LastEvaluatedKey is { Count: > 0 } last ? last[KeyAttribute].S : null;
        return new PetPage(pets, lastId);
    }

    /// <summary>
    /// Creates the table and waits until it is active. For local mode and tests only: in AWS the Data stack owns the
    /// table (same key schema).
    /// </summary>
    public static async Task CreateTableAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken cancellationToken = default)
    {
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition(KeyAttribute, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(KeyAttribute, KeyType.HASH)],
        }, cancellationToken);
        while ((await dynamo.DescribeTableAsync(tableName, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
            await Task.Delay(20, cancellationToken);
    }

    private static Dictionary<string, AttributeValue> Key(string id) => new() { [KeyAttribute] = new AttributeValue { S = id } };

    internal static Dictionary<string, AttributeValue> ToItem(Pet pet) => new()
    {
        [KeyAttribute] = new AttributeValue { S = pet.Id },
        ["type"] = new AttributeValue { S = pet.Type },
        ["price"] = new AttributeValue { N = pet.Price.ToString(CultureInfo.InvariantCulture) },
    };

    internal static Pet FromItem(Dictionary<string, AttributeValue> item) => new(
        item[KeyAttribute].S,
        item["type"].S,
        decimal.Parse(item["price"].N, NumberStyles.Number, CultureInfo.InvariantCulture));
}
