using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Lambdas.ApiGateway;

/// <summary>The parts of API Gateway's REST proxy event (payload format 1.0) that the handlers read.</summary>
public sealed record ProxyRequest
{
    [JsonPropertyName("resource")] public string Resource { get; init; } = "";
    [JsonPropertyName("path")] public string Path { get; init; } = "";
    [JsonPropertyName("httpMethod")] public string HttpMethod { get; init; } = "";
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, string>? QueryStringParameters { get; init; }
    [JsonPropertyName("multiValueQueryStringParameters")] public Dictionary<string, List<string>>? MultiValueQueryStringParameters { get; init; }
    /// <summary>As API Gateway delivered them; handlers read them through <see cref="RoutedRequest"/> only.</summary>
    [JsonPropertyName("pathParameters")] public Dictionary<string, string>? PathParameters { get; init; }
    [JsonPropertyName("requestContext")] public ProxyRequestContext RequestContext { get; init; } = new();
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }

    /// <summary>A header's value; names are case-insensitive, as in HTTP.</summary>
    public string? Header(string name) =>
        Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The principal the Lambda authorizer decided on (<c>requestContext.authorizer.principalId</c>), or null on a public route.</summary>
    public string? PrincipalId =>
        RequestContext.Authorizer is { } context && context.TryGetValue("principalId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>The names of the query parameters, as sent (API Gateway keeps their case).</summary>
    public IEnumerable<string> QueryNames =>
        (MultiValueQueryStringParameters?.Keys ?? Enumerable.Empty<string>())
        .Union(QueryStringParameters?.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal);

    /// <summary>A query parameter that must appear at most once; several values are reported, not silently merged.</summary>
    public QueryValue Query(string name)
    {
        if (MultiValueQueryStringParameters is not null && MultiValueQueryStringParameters.TryGetValue(name, out var values))
            return values.Count switch { 0 => QueryValue.Absent, 1 => new QueryValue(values[0], false), _ => new QueryValue(null, true) };
        return QueryStringParameters is not null && QueryStringParameters.TryGetValue(name, out var value)
            ? new QueryValue(value, false)
            : QueryValue.Absent;
    }
}

public readonly record struct QueryValue(string? Value, bool Repeated)
{
    public static readonly QueryValue Absent = new(null, false);
}

public sealed record ProxyRequestContext
{
    [JsonPropertyName("requestId")] public string RequestId { get; init; } = "";
    [JsonPropertyName("stage")] public string? Stage { get; init; }
    [JsonPropertyName("identity")] public RequestIdentity? Identity { get; init; }

    /// <summary>
    /// What the Lambda authorizer left: <c>principalId</c> and its context entries (<c>username</c>, <c>groups</c>,
    /// <c>provider</c>, <c>tenant</c>).
    /// </summary>
    [JsonPropertyName("authorizer")] public Dictionary<string, JsonElement>? Authorizer { get; init; }
}

public sealed record RequestIdentity
{
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; init; }
}
