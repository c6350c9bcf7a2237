using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using PetStore.Lambdas.Authorizer;

namespace PetStore.Testing;

/// <summary>One IsAuthorized call as the stand-in saw it: the request body and what it answered.</summary>
public sealed record VerifiedPermissionsCall(JsonObject Request, int Status, JsonObject Answer);

/// <summary>
/// What the authorizer talks to besides Lambda, on 127.0.0.1: a pool's JWKS (at <see cref="JwksUri"/>, for tokens
/// issued by <see cref="Issuer"/>) and Verified Permissions' IsAuthorized over its JSON 1.0 protocol. A call must be
/// SigV4-signed with <see cref="AccessKeyId"/> / <see cref="SecretKey"/> for <paramref name="region"/>, checked as
/// AWS checks it; the decision comes from <paramref name="isAuthorized"/> (a script, or the Cedar engine), and a
/// BatchIsAuthorized call's from <paramref name="batchIsAuthorized"/> when given (else it is refused as unknown).
/// </summary>
public sealed class AuthorizerEndpoints : IDisposable
{
    public const string AccessKeyId = "AKIDSTANDIN";
    public const string SecretKey = "stand-in-secret";

    private readonly HttpListener _listener = new();
    private readonly string _jwks;
    private readonly Func<JsonObject, (int Status, JsonObject Body)> _isAuthorized;
    private readonly Func<JsonObject, (int Status, JsonObject Body)>? _batchIsAuthorized;
    private readonly string _region;
    private readonly ConcurrentQueue<VerifiedPermissionsCall> _calls = new();
    private readonly ConcurrentQueue<string> _refusals = new();

    public AuthorizerEndpoints(string jwks, Func<JsonObject, (int Status, JsonObject Body)> isAuthorized, string region,
        Func<JsonObject, (int Status, JsonObject Body)>? batchIsAuthorized = null)
    {
        (_jwks, _isAuthorized, _region, _batchIsAuthorized) = (jwks, isAuthorized, region, batchIsAuthorized);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>The tenant registry's items by key, answered to signed DynamoDB GetItem calls.</summary>
    public ConcurrentDictionary<string, JsonObject> RegistryItems { get; } = new();

    /// <summary>GetItem calls answered, by key.</summary>
    public ConcurrentQueue<string> RegistryReads { get; } = new();

    public const string TenantsTable = "Tenants";
    public const string InteractiveKey = "interactive-usage-key-for-tests";

    /// <summary>The authorizer's own variables that point at this stand-in: the issuer (its JWKS here), the registry and the interactive key.</summary>
    public IReadOnlyDictionary<string, string> AuthorizerVariables(TestTokens tokens) => new Dictionary<string, string>
    {
        [PetStore.Contract.FunctionVariables.TrustedIssuers] = PetStore.Contract.TrustedIssuers.ToJson([tokens.Pool with { Issuer = Issuer, JwksUri = JwksUri.ToString() }]),
        [PetStore.Contract.FunctionVariables.TenantsTableName] = TenantsTable,
        [PetStore.Contract.FunctionVariables.InteractiveApiKey] = InteractiveKey,
    };
    public Uri JwksUri => new(BaseUri, "pool/.well-known/jwks.json");
    public string Issuer => new Uri(BaseUri, "pool").ToString();

    /// <summary>The environment variables that point a function's AWS calls here, with the credentials it must sign with.</summary>
    public IReadOnlyDictionary<string, string> FunctionVariables => new Dictionary<string, string>
    {
        [PetStore.Contract.FunctionVariables.VerifiedPermissionsEndpoint] = BaseUri.ToString(),
        [PetStore.Contract.FunctionVariables.DynamoDbEndpoint] = BaseUri.ToString(),
        ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
    };

    /// <summary>The IsAuthorized and BatchIsAuthorized calls answered, in order (a batch has "requests").</summary>
    public IReadOnlyList<VerifiedPermissionsCall> Calls => [.. _calls];

    /// <summary>Requests refused (unsigned or badly signed, unknown operation), with the reason.</summary>
    public IReadOnlyList<string> Refusals => [.. _refusals];

    public int JwksFetches;

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
            try
            {
                var (status, contentType, body) = await AnswerAsync(context.Request);
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                // Without a length, HttpListener ends the response late enough to cost a delayed ACK (~40 ms) per call.
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private async Task<(int Status, string ContentType, byte[] Body)> AnswerAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == JwksUri.AbsolutePath)
        {
            Interlocked.Increment(ref JwksFetches);
            return (200, "application/json", Encoding.UTF8.GetBytes(_jwks));
        }

        const string json = "application/x-amz-json-1.0";
        if (request.HttpMethod == "POST" && request.Headers["X-Amz-Target"] == $"{PetStore.Aws.DynamoDb.TargetPrefix}.GetItem")
        {
            if (SigV4Verifier.Problem(request.HttpMethod, request.Url!, name => request.Headers[name], body, AccessKeyId, SecretKey, _region,
                    PetStore.Aws.DynamoDb.SigningService, DateTimeOffset.UtcNow) is { } unsigned)
                return Refuse(403, "InvalidSignatureException", unsigned);
            var getItem = JsonNode.Parse(body);
            if (getItem?["TableName"]?.GetValue<string>() != TenantsTable) return Refuse(400, "ResourceNotFoundException", "Requested resource not found");
            var key = getItem["Key"]?[PetStore.Contract.TenantRegistry.Key]?["S"]?.GetValue<string>() ?? "";
            RegistryReads.Enqueue(key);
            var item = RegistryItems.TryGetValue(key, out var found) ? new JsonObject { ["Item"] = found.DeepClone() } : new JsonObject();
            return (200, json, Encoding.UTF8.GetBytes(item.ToJsonString()));
        }
        var target = request.Headers["X-Amz-Target"];
        var decide = target == $"{VerifiedPermissionsClient.TargetPrefix}.IsAuthorized" ? _isAuthorized
            : target == $"{VerifiedPermissionsClient.TargetPrefix}.BatchIsAuthorized" ? _batchIsAuthorized : null;
        if (request.HttpMethod != "POST" || decide is null)
            return Refuse(404, "UnknownOperationException", $"{request.HttpMethod} {request.Url} X-Amz-Target={request.Headers["X-Amz-Target"]}");
        if (SigV4Verifier.Problem(request.HttpMethod, request.Url!, name => request.Headers[name], body, AccessKeyId, SecretKey, _region,
                VerifiedPermissionsClient.SigningService, DateTimeOffset.UtcNow) is { } problem)
            return Refuse(403, "InvalidSignatureException", problem);
        if (JsonNode.Parse(body) is not JsonObject call)
            return Refuse(400, "ValidationException", "The request body must be a JSON object.");

        var (status, answer) = decide(call);
        _calls.Enqueue(new VerifiedPermissionsCall(call, status, answer));
        return (status, json, Encoding.UTF8.GetBytes(answer.ToJsonString()));

        (int, string, byte[]) Refuse(int status, string type, string message)
        {
            _refusals.Enqueue($"{type}: {message}");
            return (status, json, Encoding.UTF8.GetBytes(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString()));
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
