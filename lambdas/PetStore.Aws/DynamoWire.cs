using System.Text.Json.Serialization;

namespace PetStore.Aws.Dynamo;

// DynamoDB's JSON 1.0 shapes (DynamoDB_20120810), with AWS's property names: only the operations and attribute types
// our tables use (strings and numbers): the pets and orders tables (GetItem, PutItem, Scan, DeleteItem,
// TransactWriteItems), the tenant registry (GetItem), and creating them in dynalite.

/// <summary>One attribute value: a string (<c>S</c>) or a number (<c>N</c>, as text).</summary>
public sealed record AttributeValue(string? S = null, string? N = null);

/// <param name="ConsistentRead">Null: DynamoDB's default, an eventually consistent read.</param>
public sealed record GetItemRequest(string TableName, Dictionary<string, AttributeValue> Key, bool? ConsistentRead = null);

public sealed record GetItemResponse(Dictionary<string, AttributeValue>? Item);

public sealed record PutItemRequest(string TableName, Dictionary<string, AttributeValue> Item, string? ConditionExpression,
    Dictionary<string, string>? ExpressionAttributeNames, Dictionary<string, AttributeValue>? ExpressionAttributeValues = null);

public sealed record DeleteItemRequest(string TableName, Dictionary<string, AttributeValue> Key, string ConditionExpression,
    Dictionary<string, string> ExpressionAttributeNames);

public sealed record ScanRequest(string TableName, int Limit, Dictionary<string, AttributeValue>? ExclusiveStartKey);

/// <summary>The items with one partition key value in an index (<paramref name="IndexName"/>), in its sort key's order.</summary>
public sealed record QueryRequest(string TableName, string IndexName, string KeyConditionExpression, Dictionary<string, string> ExpressionAttributeNames,
    Dictionary<string, AttributeValue> ExpressionAttributeValues, int Limit, Dictionary<string, AttributeValue>? ExclusiveStartKey);

/// <summary>A Scan's or a Query's answer: a page of items, and where the next one starts (none: the last page).</summary>
public sealed record ScanResponse(List<Dictionary<string, AttributeValue>>? Items, Dictionary<string, AttributeValue>? LastEvaluatedKey);

/// <summary>One action of a transaction: exactly one of <paramref name="Put"/> and <paramref name="Update"/>.</summary>
public sealed record TransactWriteItem(TransactPut? Put = null, TransactUpdate? Update = null);

public sealed record TransactPut(string TableName, Dictionary<string, AttributeValue> Item, string ConditionExpression,
    Dictionary<string, string>? ExpressionAttributeNames = null, Dictionary<string, AttributeValue>? ExpressionAttributeValues = null);

public sealed record TransactUpdate(string TableName, Dictionary<string, AttributeValue> Key, string UpdateExpression, string ConditionExpression,
    Dictionary<string, string>? ExpressionAttributeNames = null, Dictionary<string, AttributeValue>? ExpressionAttributeValues = null);

/// <summary>All actions happen, or none (TransactionCanceledException).</summary>
public sealed record TransactWriteItemsRequest(IReadOnlyList<TransactWriteItem> TransactItems);

public sealed record AttributeDefinition(string AttributeName, string AttributeType);

public sealed record KeySchemaElement(string AttributeName, string KeyType);

public sealed record CreateTableRequest(string TableName, string BillingMode, IReadOnlyList<AttributeDefinition> AttributeDefinitions,
    IReadOnlyList<KeySchemaElement> KeySchema, IReadOnlyList<GlobalSecondaryIndex>? GlobalSecondaryIndexes = null);

public sealed record GlobalSecondaryIndex(string IndexName, IReadOnlyList<KeySchemaElement> KeySchema, Projection Projection);

public sealed record Projection(string ProjectionType);

public sealed record DescribeTableRequest(string TableName);

public sealed record DescribeTableResponse(TableDescription? Table);

public sealed record TableDescription(string? TableStatus, List<IndexDescription>? GlobalSecondaryIndexes = null);

public sealed record IndexDescription(string? IndexStatus);

public sealed record DynamoEmptyResponse;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetItemRequest))]
[JsonSerializable(typeof(GetItemResponse))]
[JsonSerializable(typeof(PutItemRequest))]
[JsonSerializable(typeof(DeleteItemRequest))]
[JsonSerializable(typeof(ScanRequest))]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(TransactWriteItemsRequest))]
[JsonSerializable(typeof(ScanResponse))]
[JsonSerializable(typeof(CreateTableRequest))]
[JsonSerializable(typeof(DescribeTableRequest))]
[JsonSerializable(typeof(DescribeTableResponse))]
[JsonSerializable(typeof(DynamoEmptyResponse))]
public sealed partial class DynamoJson : JsonSerializerContext;
