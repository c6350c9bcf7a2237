using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Aws.Dynamo;

// DynamoDB's JSON 1.0 shapes (DynamoDB_20120810), with AWS's property names: only the operations and attribute types
// our tables use (strings and numbers): the pets table (GetItem, PutItem, Scan), the tenant registry (GetItem), and
// creating either in dynalite.

/// <summary>One attribute value: a string (<c>S</c>) or a number (<c>N</c>, as text).</summary>
internal sealed record AttributeValue(string? S = null, string? N = null);

/// <param name="ConsistentRead">Null: DynamoDB's default, an eventually consistent read.</param>
internal sealed record GetItemRequest(string TableName, Dictionary<string, AttributeValue> Key, bool? ConsistentRead = null);

internal sealed record GetItemResponse(Dictionary<string, AttributeValue>? Item);

internal sealed record PutItemRequest(string TableName, Dictionary<string, AttributeValue> Item, string? ConditionExpression,
    Dictionary<string, string>? ExpressionAttributeNames);

internal sealed record DeleteItemRequest(string TableName, Dictionary<string, AttributeValue> Key, string ConditionExpression,
    Dictionary<string, string> ExpressionAttributeNames);

internal sealed record ScanRequest(string TableName, int Limit, Dictionary<string, AttributeValue>? ExclusiveStartKey);

internal sealed record ScanResponse(List<Dictionary<string, AttributeValue>>? Items, Dictionary<string, AttributeValue>? LastEvaluatedKey);

internal sealed record AttributeDefinition(string AttributeName, string AttributeType);

internal sealed record KeySchemaElement(string AttributeName, string KeyType);

internal sealed record CreateTableRequest(string TableName, string BillingMode, IReadOnlyList<AttributeDefinition> AttributeDefinitions,
    IReadOnlyList<KeySchemaElement> KeySchema);

internal sealed record DescribeTableRequest(string TableName);

internal sealed record DescribeTableResponse(TableDescription? Table);

internal sealed record TableDescription(string? TableStatus);

internal sealed record DynamoEmptyResponse;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetItemRequest))]
[JsonSerializable(typeof(GetItemResponse))]
[JsonSerializable(typeof(PutItemRequest))]
[JsonSerializable(typeof(DeleteItemRequest))]
[JsonSerializable(typeof(ScanRequest))]
[JsonSerializable(typeof(ScanResponse))]
[JsonSerializable(typeof(CreateTableRequest))]
[JsonSerializable(typeof(DescribeTableRequest))]
[JsonSerializable(typeof(DescribeTableResponse))]
[JsonSerializable(typeof(DynamoEmptyResponse))]
internal sealed partial class DynamoJson : JsonSerializerContext;
