using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Authorizer;

/// <summary>API Gateway's REQUEST authorizer event for REST APIs, with the fields the authorizer reads.</summary>
public sealed record AuthorizerEvent
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("methodArn")] public string MethodArn { get; init; } = "";
    [JsonPropertyName("resource")] public string Resource { get; init; } = "";
    [JsonPropertyName("path")] public string Path { get; init; } = "";
    [JsonPropertyName("httpMethod")] public string HttpMethod { get; init; } = "";
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("pathParameters")] public Dictionary<string, string>? PathParameters { get; init; }
    [JsonPropertyName("requestContext")] public AuthorizerRequestContext? RequestContext { get; init; }

    public string? Header(string name) =>
        Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

public sealed record AuthorizerRequestContext
{
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }
}

/// <summary>The authorizer's answer: an IAM policy for execute-api:Invoke and context for the integration.</summary>
public sealed record AuthorizerResponse(
    [property: JsonPropertyName("principalId")] string PrincipalId,
    [property: JsonPropertyName("policyDocument")] PolicyDocument PolicyDocument,
    [property: JsonPropertyName("context")] IReadOnlyDictionary<string, string> Context)
{
    /// <summary>The API key whose usage plan meters the request (the API's key source is AUTHORIZER).</summary>
    [JsonPropertyName("usageIdentifierKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UsageIdentifierKey { get; init; }

    public bool IsAllow => PolicyDocument.Statement.All(s => s.Effect == "Allow");
}

public sealed record PolicyDocument(
    [property: JsonPropertyName("Version")] string Version,
    [property: JsonPropertyName("Statement")] IReadOnlyList<PolicyStatement> Statement);

public sealed record PolicyStatement(
    [property: JsonPropertyName("Action")] string Action,
    [property: JsonPropertyName("Effect")] string Effect,
    [property: JsonPropertyName("Resource")] string Resource);

[JsonSerializable(typeof(AuthorizerEvent))]
[JsonSerializable(typeof(AuthorizerResponse))]
public sealed partial class AuthorizerJson : JsonSerializerContext;
