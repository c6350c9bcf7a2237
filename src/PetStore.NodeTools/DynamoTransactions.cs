using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PetStore.NodeTools;

/// <summary>
/// DynamoDB's TransactWriteItems in front of dynalite, which has none: every other call is passed through unchanged.
/// A transaction's Put, Update and Delete actions are made one by one as dynalite's own conditional writes (dynalite
/// judges every condition and expression), each item's image read first; the first failed condition undoes the
/// actions made so far and answers TransactionCanceledException with one cancellation reason per action, as DynamoDB
/// does. All writes through here take one lock, so a transaction is atomic to every other writer; a reader may see
/// its first writes for the moment it runs. ConditionCheck actions and client request tokens are refused rather than
/// half-imitated.
/// </summary>
public sealed class DynamoTransactions : IDisposable
{
    private const string Prefix = "DynamoDB_20120810.";
    private const int MaxActions = 100;
    private static readonly string[] Writes = ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"];

    private readonly HttpListener _listener = new();
    private readonly HttpClient _dynalite;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly Dictionary<string, IReadOnlyList<string>> _keys = [];

    public DynamoTransactions(Uri dynalite)
    {
        _dynalite = new HttpClient { BaseAddress = dynalite, Timeout = TimeSpan.FromSeconds(30) };
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Transactions run so far, and how many were cancelled.</summary>
    public int Transactions, Cancelled;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var target = context.Request.Headers["X-Amz-Target"] ?? "";
            var (status, body) = target == Prefix + "TransactWriteItems"
                ? await TransactAsync(buffer.ToArray())
                : await ForwardAsync(context.Request, buffer.ToArray(), Writes.Contains(target.Replace(Prefix, "")));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.0";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            // dynalite is down (it is restarted by its supervisor): the client sees a 503 and retries, as from DynamoDB.
            TryAnswer(context, 503, Error("ServiceUnavailable", $"dynalite did not answer: {e.Message}"));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            TryAnswer(context, 400, Error("SerializationException", e.Message));
        }
        finally
        {
            try { context.Response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
        }
    }

    private static void TryAnswer(HttpListenerContext context, int status, JsonObject error)
    {
        try
        {
            var body = Encoding.UTF8.GetBytes(error.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.0";
            context.Response.OutputStream.Write(body);
        }
        catch (Exception e) when (e is HttpListenerException or InvalidOperationException or ObjectDisposedException)
        {
            // The answer had started; the connection ends.
        }
    }

    private async Task<(int, byte[])> ForwardAsync(HttpListenerRequest request, byte[] body, bool isWrite)
    {
        if (isWrite) await _writes.WaitAsync();
        try
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.HttpMethod), "/") { Content = new ByteArrayContent(body) };
            foreach (var name in request.Headers.AllKeys.OfType<string>())
            {
                if (name is "Host" or "Content-Length" or "Connection" or "Transfer-Encoding" or "Expect") continue;
                if (name == "Content-Type") message.Content.Headers.TryAddWithoutValidation(name, request.Headers[name]);
                else message.Headers.TryAddWithoutValidation(name, request.Headers[name]);
            }
            using var response = await _dynalite.SendAsync(message);
            return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            if (isWrite) _writes.Release();
        }
    }

    private async Task<(int, byte[])> TransactAsync(byte[] body)
    {
        var request = JsonNode.Parse(body) as JsonObject ?? throw new InvalidOperationException("The request body must be a JSON object.");
        if (request["ClientRequestToken"] is not null)
            return Answer(400, Error("ValidationException", "ClientRequestToken is not supported by the local stand-in."));
        var items = request["TransactItems"] as JsonArray;
        if (items is null || items.Count is 0 or > MaxActions)
            return Answer(400, Error("ValidationException", $"TransactItems must hold 1 to {MaxActions} actions."));

        var actions = new List<(string Operation, JsonObject Call, string Table, JsonObject Key)>();
        foreach (var item in items)
        {
            if (item is not JsonObject { Count: 1 } one || one.Single().Value is not JsonObject fields)
                return Answer(400, Error("ValidationException", "Each transaction action names exactly one of Put, Update, Delete or ConditionCheck."));
            var operation = one.Single().Key;
            if (operation is not ("Put" or "Update" or "Delete"))
                return Answer(400, Error("ValidationException", $"{operation} actions are not supported by the local stand-in."));
            var table = fields["TableName"]?.GetValue<string>() ?? throw new InvalidOperationException("An action has no TableName.");
            var keyNames = await KeyNamesAsync(table);
            var source = operation == "Put" ? fields["Item"] : fields["Key"];
            var itemKey = new JsonObject([.. keyNames.Select(k => KeyValuePair.Create(k, (JsonNode?)(source?[k]?.DeepClone()
                ?? throw new InvalidOperationException($"An action on {table} lacks its key attribute {k}."))))]);
            actions.Add((operation, fields, table, itemKey));
        }
        if (actions.GroupBy(a => a.Table + "\n" + a.Key.ToJsonString()).Any(g => g.Count() > 1))
            return Answer(400, Error("ValidationException", "Transaction request cannot include multiple operations on one item"));

        await _writes.WaitAsync();
        try
        {
            Interlocked.Increment(ref Transactions);
            var undo = new Stack<(string Table, JsonObject Key, JsonObject? Before)>();
            for (var i = 0; i < actions.Count; i++)
            {
                var (operation, call, table, itemKey) = actions[i];
                int status;
                JsonObject answer;
                try
                {
                    var before = (await CallAsync("GetItem", new JsonObject { ["TableName"] = table, ["Key"] = itemKey.DeepClone(), ["ConsistentRead"] = true })).Body["Item"] as JsonObject;
                    var single = (JsonObject)call.DeepClone();
                    single.Remove("ReturnValuesOnConditionCheckFailure");
                    (status, answer) = await CallAsync(operation + "Item", single);
                    if (status == 200) undo.Push((table, itemKey, before));
                }
                catch (Exception)
                {
                    // dynalite failed mid-transaction (a restart): take back what was done, so a retry finds nothing of it.
                    await UndoAsync(undo);
                    throw;
                }
                if (status == 200) continue;
                await UndoAsync(undo);
                if (Type(answer) != "ConditionalCheckFailedException") return Answer(status, answer);
                Interlocked.Increment(ref Cancelled);
                var reasons = Enumerable.Range(0, actions.Count).Select(j => j == i
                    ? new JsonObject { ["Code"] = "ConditionalCheckFailed", ["Message"] = "The conditional request failed" }
                    : new JsonObject { ["Code"] = "None" }).ToList();
                var error = Error("TransactionCanceledException",
                    $"Transaction cancelled, please refer cancellation reasons for specific reasons [{string.Join(", ", reasons.Select(r => r["Code"]!.GetValue<string>()))}]");
                error["CancellationReasons"] = new JsonArray([.. reasons]);
                return Answer(400, error);
            }
            return Answer(200, new JsonObject());
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task UndoAsync(Stack<(string Table, JsonObject Key, JsonObject? Before)> undo)
    {
        while (undo.TryPop(out var done))
        {
            var (status, answer) = done.Before is { } before
                ? await CallAsync("PutItem", new JsonObject { ["TableName"] = done.Table, ["Item"] = before })
                : await CallAsync("DeleteItem", new JsonObject { ["TableName"] = done.Table, ["Key"] = done.Key });
            if (status != 200) throw new HttpRequestException($"undoing a transaction's write failed: {answer.ToJsonString()}");
        }
    }

    private async Task<IReadOnlyList<string>> KeyNamesAsync(string table)
    {
        lock (_keys)
            if (_keys.TryGetValue(table, out var known)) return known;
        var (status, answer) = await CallAsync("DescribeTable", new JsonObject { ["TableName"] = table });
        if (status != 200) throw new InvalidOperationException($"No table {table}: {answer.ToJsonString()}");
        IReadOnlyList<string> names = [.. answer["Table"]!["KeySchema"]!.AsArray().Select(k => k!["AttributeName"]!.GetValue<string>())];
        lock (_keys) _keys[table] = names;
        return names;
    }

    private async Task<(int Status, JsonObject Body)> CallAsync(string operation, JsonObject body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        message.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        message.Headers.Add("X-Amz-Target", Prefix + operation);
        // dynalite wants a signature's shape, not a valid one.
        message.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0");
        message.Headers.Add("X-Amz-Date", "20260101T000000Z");
        using var response = await _dynalite.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text) as JsonObject ?? []);
    }

    private static string? Type(JsonObject error) => error["__type"]?.GetValue<string>() is { } type ? type[(type.IndexOf('#') + 1)..] : null;

    private static JsonObject Error(string type, string message) =>
        new() { ["__type"] = $"com.amazonaws.dynamodb.v20120810#{type}", ["message"] = message };

    private static (int, byte[]) Answer(int status, JsonObject body) => (status, Encoding.UTF8.GetBytes(body.ToJsonString()));

    public void Dispose()
    {
        _listener.Close();
        _dynalite.Dispose();
        _writes.Dispose();
    }
}
