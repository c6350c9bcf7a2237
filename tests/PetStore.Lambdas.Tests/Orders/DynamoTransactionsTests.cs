using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PetStore.Lambdas.Tests.Fixtures;

namespace PetStore.Lambdas.Tests.Orders;

/// <summary>
/// The transaction front local mode and the tests put before dynalite: all of a transaction's writes or none, the
/// reasons per action as DynamoDB gives them, and what it refuses rather than imitates.
/// </summary>
public class DynamoTransactionsTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private readonly string _table = $"tx-{Guid.NewGuid():N}";
    private readonly HttpClient _http = new();

    private async Task<(HttpStatusCode Status, JsonObject Body)> CallAsync(string operation, string json)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, dynalite.Endpoint) { Content = new StringContent(json, Encoding.UTF8) };
        message.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        message.Headers.Add("X-Amz-Target", $"DynamoDB_20120810.{operation}");
        message.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0");
        message.Headers.Add("X-Amz-Date", "20260101T000000Z");
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!.AsObject());
    }

    public async ValueTask InitializeAsync()
    {
        var (status, body) = await CallAsync("CreateTable", $$"""
            {"TableName":"{{_table}}","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
             "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}
            """);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Put(string id, string condition = "attribute_not_exists(id)") =>
        $$$"""{"Put":{"TableName":"{{{_table}}}","Item":{"id":{"S":"{{{id}}}"},"n":{"N":"1"}},"ConditionExpression":"{{{condition}}}"}}""";

    private async Task<bool> ExistsAsync(string id) =>
        (await CallAsync("GetItem", $$$"""{"TableName":"{{{_table}}}","Key":{"id":{"S":"{{{id}}}"}},"ConsistentRead":true}""")).Body["Item"] is not null;

    [Fact]
    public async Task All_writes_happen_together()
    {
        var (status, body) = await CallAsync("TransactWriteItems", $$"""{"TransactItems":[{{Put("a")}},{{Put("b")}}]}""");

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.True(await ExistsAsync("a") && await ExistsAsync("b"));
    }

    [Fact]
    public async Task Dynalite_failing_midway_undoes_the_writes_before_it_and_answers_an_error()
    {
        // Between the front and dynalite: from the second PutItem on, an answer that is not DynamoDB's (a proxy's page, a
        // dying process), so the front's call fails with an exception partway through the transaction.
        using var cutter = new HttpListener();
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        cutter.Prefixes.Add($"http://127.0.0.1:{port}/");
        cutter.Start();
        var puts = 0;
        _ = Task.Run(async () =>
        {
            while (cutter.IsListening)
            {
                HttpListenerContext context;
                try { context = await cutter.GetContextAsync(); } catch (Exception) { return; }
                var target = context.Request.Headers["X-Amz-Target"] ?? "";
                if (target.EndsWith(".PutItem") && ++puts >= 2)
                {
                    var page = Encoding.UTF8.GetBytes("<html>502 Bad Gateway</html>");
                    context.Response.ContentLength64 = page.Length;
                    await context.Response.OutputStream.WriteAsync(page);
                    context.Response.Close();
                    continue;
                }
                using var forward = new HttpRequestMessage(HttpMethod.Post, dynalite.DirectEndpoint) { Content = new StreamContent(context.Request.InputStream) };
                forward.Content.Headers.ContentType = new("application/x-amz-json-1.0");
                foreach (var name in new[] { "X-Amz-Target", "Authorization", "X-Amz-Date" })
                    forward.Headers.TryAddWithoutValidation(name, context.Request.Headers[name]);
                using var answer = await _http.SendAsync(forward);
                context.Response.StatusCode = (int)answer.StatusCode;
                var bytes = await answer.Content.ReadAsByteArrayAsync();
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
        using var front = new PetStore.NodeTools.DynamoTransactions(new Uri($"http://127.0.0.1:{port}/"));

        using var message = new HttpRequestMessage(HttpMethod.Post, front.Endpoint) { Content = new StringContent($$"""{"TransactItems":[{{Put("m1")}},{{Put("m2")}}]}""", Encoding.UTF8) };
        message.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        message.Headers.Add("X-Amz-Target", "DynamoDB_20120810.TransactWriteItems");
        using var response = await _http.SendAsync(message);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await ExistsAsync("m1"), "the first write was left behind");
        Assert.False(await ExistsAsync("m2"));
    }

    [Fact]
    public async Task A_failed_condition_undoes_the_writes_before_it_and_says_which_action_failed()
    {
        await CallAsync("PutItem", new JsonObject { ["TableName"] = _table, ["Item"] = new JsonObject { ["id"] = new JsonObject { ["S"] = "taken" } } }.ToJsonString());
        var update = $$$"""{"Update":{"TableName":"{{{_table}}}","Key":{"id":{"S":"c"}},"UpdateExpression":"SET n = :one","ExpressionAttributeValues":{":one":{"N":"1"}},"ConditionExpression":"attribute_not_exists(id)"}}""";

        var (status, body) = await CallAsync("TransactWriteItems", $$"""{"TransactItems":[{{Put("new")}},{{update}},{{Put("taken")}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.EndsWith("#TransactionCanceledException", body["__type"]!.GetValue<string>());
        Assert.Equal(["None", "None", "ConditionalCheckFailed"], body["CancellationReasons"]!.AsArray().Select(r => r!["Code"]!.GetValue<string>()));
        Assert.False(await ExistsAsync("new"));
        Assert.False(await ExistsAsync("c"));
        Assert.True(await ExistsAsync("taken"));
    }

    [Theory]
    [InlineData("two actions on one item", """[PUT_X, PUT_X]""", "multiple operations on one item")]
    [InlineData("a condition check", """[{"ConditionCheck":{"TableName":"T","Key":{"id":{"S":"x"}},"ConditionExpression":"attribute_exists(id)"}}]""", "not supported")]
    [InlineData("no actions", """[]""", "1 to 100")]
    public async Task What_it_does_not_do_as_DynamoDB_does_is_refused_and_writes_nothing(string _, string items, string expected)
    {
        var (status, body) = await CallAsync("TransactWriteItems",
            $$"""{"TransactItems":{{items.Replace("PUT_X", Put("x")).Replace("\"T\"", $"\"{_table}\"")}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body["message"]!.GetValue<string>());
        Assert.False(await ExistsAsync("x"));
    }

    [Fact]
    public async Task Every_other_call_passes_through()
    {
        var (status, body) = await CallAsync("DescribeTable", $$"""{"TableName":"{{_table}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(_table, body["Table"]!["TableName"]!.GetValue<string>());
    }
}
