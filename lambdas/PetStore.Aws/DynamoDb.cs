using PetStore.Aws.Dynamo;

namespace PetStore.Aws;

/// <summary>
/// DynamoDB over its JSON 1.0 protocol through a SigV4-signed <see cref="AwsJsonClient"/>, for the few operations our
/// functions make (DynamoWire.cs): the pets and orders tables and the tenant registry. The AWS SDK's DynamoDB client would cost a
/// cold start far more than these calls need (docs/PERFORMANCE.md).
/// </summary>
public static class DynamoDb
{
    public const string TargetPrefix = "DynamoDB_20120810";
    public const string JsonVersion = "1.0";
    public const string SigningService = "dynamodb";

    /// <summary>A signed client for DynamoDB at <paramref name="endpoint"/>; credentials from the environment unless given.</summary>
    public static AwsJsonClient Client(Uri endpoint, string region, TimeSpan timeout, AwsCredentials? credentials = null) =>
        new(AwsHttp.Signed(SigningService, region, timeout, credentials), endpoint, TargetPrefix, JsonVersion);

    /// <summary>
    /// Creates an on-demand table keyed by the string <paramref name="keyAttribute"/> and waits until it is active. For
    /// local mode and tests only: in AWS the Data stack owns the tables (same key schema).
    /// </summary>
    /// <param name="index">A global secondary index: its name and string partition key, sorted by the table's key, every attribute projected.</param>
    public static async Task CreateTableAsync(AwsJsonClient dynamo, string tableName, string keyAttribute, CancellationToken cancellationToken = default,
        (string Name, string KeyAttribute)? index = null)
    {
        await dynamo.CallAsync("CreateTable",
            new CreateTableRequest(tableName, "PAY_PER_REQUEST",
                [new AttributeDefinition(keyAttribute, "S"), .. index is { } i ? [new AttributeDefinition(i.KeyAttribute, "S")] : Array.Empty<AttributeDefinition>()],
                [new KeySchemaElement(keyAttribute, "HASH")],
                index is { } gsi ? [new GlobalSecondaryIndex(gsi.Name, [new KeySchemaElement(gsi.KeyAttribute, "HASH"), new KeySchemaElement(keyAttribute, "RANGE")], new Projection("ALL"))] : null),
            DynamoJson.Default.CreateTableRequest, DynamoJson.Default.DynamoEmptyResponse, cancellationToken);
        while ((await dynamo.CallAsync("DescribeTable", new DescribeTableRequest(tableName),
                   DynamoJson.Default.DescribeTableRequest, DynamoJson.Default.DescribeTableResponse, cancellationToken)).Table is not
               { TableStatus: "ACTIVE" } table || (table.GlobalSecondaryIndexes ?? []).Any(i => i.IndexStatus != "ACTIVE"))
            await Task.Delay(20, cancellationToken);
    }

    private const int Retries = 2;

    /// <summary>
    /// One call, with throttling and server errors retried twice with full jitter on 25 ms, 50 ms: as the SDK's
    /// standard retry mode did, without its machinery. (A cancelled transaction is not retried: it is an answer.)
    /// </summary>
    public static async Task<TResponse> CallAsync<TRequest, TResponse>(AwsJsonClient dynamo, string operation, TRequest request,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> requestType, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse> responseType,
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
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 25 << attempt)), cancellationToken);
            }
        }
    }

    public static bool IsTransient(Exception e) => e switch
    {
        AwsServiceException aws => aws.IsTransient,
        HttpRequestException => true,
        _ => false,
    };
}
