using System.Text;
using System.Text.Json.Nodes;

namespace PetStore.Testing;

/// <summary>
/// The events API Gateway (REST API) sends, written from its documented shapes rather than from the functions' own
/// records, and the fields of the answers API Gateway reads.
/// </summary>
public static class ApiGatewayEvents
{
    public const string AccountId = "123456789012";
    public const string ApiId = "bundlecheck";
    public const string Stage = "check";

    public static string MethodArn(string region, string method, string path) => $"arn:aws:execute-api:{region}:{AccountId}:{ApiId}/{Stage}/{method}{path}";

    /// <summary>A REQUEST authorizer event for a request with an Authorization header.</summary>
    public static byte[] Authorizer(string region, string method, string resource, string path, string authorization,
        IReadOnlyDictionary<string, string>? pathParameters = null) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["type"] = "REQUEST",
        ["methodArn"] = MethodArn(region, method, path),
        ["resource"] = resource,
        ["path"] = path,
        ["httpMethod"] = method,
        ["headers"] = new JsonObject { ["Authorization"] = authorization },
        ["pathParameters"] = new JsonObject((pathParameters ?? new Dictionary<string, string>()).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["requestContext"] = new JsonObject { ["requestId"] = Guid.NewGuid().ToString(), ["stage"] = Stage, ["accountId"] = AccountId, ["apiId"] = ApiId },
    }.ToJsonString());

    /// <summary>
    /// A Lambda proxy integration event (payload format 1.0); behind a Lambda authorizer, <paramref name="authorizer"/> is
    /// what API Gateway passes on in <c>requestContext.authorizer</c>: the answer's principalId and its context, as strings.
    /// </summary>
    public static byte[] Proxy(string method, string resource, string path, string? body = null, IReadOnlyDictionary<string, string>? pathParameters = null,
        IReadOnlyDictionary<string, string>? authorizer = null, IReadOnlyDictionary<string, string>? query = null) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["resource"] = resource,
            ["path"] = path,
            ["httpMethod"] = method,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
            ["multiValueHeaders"] = new JsonObject { ["Content-Type"] = new JsonArray("application/json") },
            ["queryStringParameters"] = query is null ? null : new JsonObject(query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value))),
            ["multiValueQueryStringParameters"] = query is null ? null : new JsonObject(query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)new JsonArray(q.Value)))),
            ["pathParameters"] = pathParameters is null ? null : new JsonObject(pathParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["stageVariables"] = null,
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = Guid.NewGuid().ToString(),
                ["stage"] = Stage,
                ["resourcePath"] = resource,
                ["httpMethod"] = method,
                ["identity"] = new JsonObject { ["sourceIp"] = "192.0.2.1" },
                ["authorizer"] = authorizer is null ? null : new JsonObject(authorizer.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
            },
            ["body"] = body,
            ["isBase64Encoded"] = false,
        }.ToJsonString());

    /// <summary>A proxy function's answer as API Gateway reads it: status code and body (JSON).</summary>
    public static (int Status, JsonNode? Body) ProxyAnswer(string answer)
    {
        var response = JsonNode.Parse(answer)!;
        var body = response["body"]?.GetValue<string>();
        return (response["statusCode"]!.GetValue<int>(), body is { Length: > 0 } ? JsonNode.Parse(body) : null);
    }
}
