using System.Net;
using Amazon.Runtime;
using PetStore.Aws;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;

namespace PetStore.Lambdas.Tests.Pets;

/// <summary>The exact JSON 1.0 requests the pets table code sends, as DynamoDB's API reference defines them, and its retries.</summary>
public class DynamoWireTests
{
    private static readonly Uri Endpoint = new("https://dynamodb.eu-west-1.amazonaws.com/");

    private static (DynamoPetRepository Repository, CapturingHandler Wire) Create(Func<HttpRequestMessage, HttpResponseMessage>? respond = null)
    {
        var wire = new CapturingHandler(respond);
        var signed = new HttpClient(new Amazon.Runtime.Signing.SigV4SigningHandler(
            new BasicAWSCredentials("AKIDEXAMPLE", "secret"), Amazon.RegionEndpoint.EUWest1, DynamoDb.SigningService, wire));
        var client = new AwsJsonClient(signed, Endpoint, DynamoDb.TargetPrefix, DynamoDb.JsonVersion);
        return (new DynamoPetRepository(client, "Pets", "downtown"), wire);
    }

    [Fact]
    public async Task GetItem_is_a_signed_strongly_consistent_read_by_id()
    {
        var (repository, wire) = Create(_ => CapturingHandler.Json(HttpStatusCode.OK,
            """{"Item":{"id":{"S":"p1"},"type":{"S":"dog"},"price":{"N":"249.99"}}}"""));

        var pet = await repository.GetAsync("p1");

        Assert.Equal(new Pet("p1", "dog", 249.99m, "downtown", "available", Version: 0), pet);
        var request = Assert.Single(wire.Requests);
        Assert.Equal(("POST", Endpoint), (request.Method, request.Uri));
        Assert.Equal("DynamoDB_20120810.GetItem", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", request.Headers["Content-Type"]);
        Assert.Contains("/eu-west-1/dynamodb/aws4_request", request.Headers["Authorization"]);
        Assert.Equal("""{"TableName":"Pets","Key":{"id":{"S":"p1"}},"ConsistentRead":true}""", request.Body);
    }

    [Fact]
    public async Task PutItem_writes_strings_and_a_number_only_where_no_pet_has_the_id()
    {
        var (repository, wire) = Create();

        Assert.True(await repository.TryCreateAsync(new Pet("p1", "cat", 12.5m, "downtown", "available")));

        var request = Assert.Single(wire.Requests);
        Assert.Equal("DynamoDB_20120810.PutItem", request.Headers["X-Amz-Target"]);
        Assert.Equal(
            """{"TableName":"Pets","Item":{"id":{"S":"p1"},"type":{"S":"cat"},"price":{"N":"12.5"},"storeId":{"S":"downtown"},"status":{"S":"available"},"version":{"N":"1"}},"ConditionExpression":"attribute_not_exists(#id)","ExpressionAttributeNames":{"#id":"id"}}""",
            request.Body);
    }

    [Fact]
    public async Task A_failed_condition_is_an_existing_pet_not_an_error()
    {
        var (repository, _) = Create(_ => CapturingHandler.Json(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"""));

        Assert.False(await repository.TryCreateAsync(new Pet("p1", "cat", 1m, "downtown", "available")));
    }

    [Fact]
    public async Task Scan_pages_from_the_last_key_and_returns_the_next_one()
    {
        var (repository, wire) = Create(_ => CapturingHandler.Json(HttpStatusCode.OK,
            """{"Items":[{"id":{"S":"p2"},"type":{"S":"dog"},"price":{"N":"1"}}],"Count":1,"ScannedCount":1,"LastEvaluatedKey":{"id":{"S":"p2"}}}"""));

        var page = await repository.ListAsync(1, "p1");

        Assert.Equal([new Pet("p2", "dog", 1m, "downtown", "available", Version: 0)], page.Pets);
        Assert.Equal("p2", page.LastId);
        Assert.Equal("""{"TableName":"Pets","Limit":1,"ExclusiveStartKey":{"id":{"S":"p1"}}}""", Assert.Single(wire.Requests).Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException")]
    [InlineData(HttpStatusCode.BadRequest, "com.amazonaws.dynamodb.v20120810#ThrottlingException")]
    [InlineData(HttpStatusCode.InternalServerError, "com.amazonaws.dynamodb.v20120810#InternalServerError")]
    public async Task Throttling_and_server_errors_are_retried_twice_then_reported(HttpStatusCode status, string type)
    {
        var (repository, wire) = Create(_ => CapturingHandler.Json(status, $$"""{"__type":"{{type}}","message":"slow down"}"""));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => repository.GetAsync("p1"));

        Assert.Equal(type[(type.IndexOf('#') + 1)..], error.ErrorType);
        Assert.Equal(3, wire.Requests.Count);
    }

    [Fact]
    public async Task A_retried_call_that_then_succeeds_answers()
    {
        var calls = 0;
        var (repository, wire) = Create(_ => ++calls == 1
            ? CapturingHandler.Json(HttpStatusCode.ServiceUnavailable, """{"__type":"com.amazonaws.dynamodb.v20120810#ServiceUnavailable"}""")
            : CapturingHandler.Json(HttpStatusCode.OK, "{}"));

        Assert.Null(await repository.GetAsync("p1"));
        Assert.Equal(2, wire.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var (repository, wire) = Create(_ => CapturingHandler.Json(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"bad key"}"""));

        await Assert.ThrowsAsync<AwsServiceException>(() => repository.GetAsync("p1"));
        Assert.Single(wire.Requests);
    }
}
