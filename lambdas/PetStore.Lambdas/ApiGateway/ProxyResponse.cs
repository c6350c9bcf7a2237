using System.Text.Json.Serialization;

namespace PetStore.Lambdas.ApiGateway;

/// <summary>API Gateway's Lambda proxy response.</summary>
public sealed record ProxyResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; }
    [JsonPropertyName("headers")] public Dictionary<string, string> Headers { get; init; } = [];
    [JsonPropertyName("body")] public string Body { get; init; } = "";
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }
}
