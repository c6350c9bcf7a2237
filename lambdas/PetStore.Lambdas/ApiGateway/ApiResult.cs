using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PetStore.Lambdas.ApiGateway;

/// <summary>Builds JSON proxy responses. Every error body is <c>{"message": "..."}</c>.</summary>
public static class ApiResult
{
    private static readonly Dictionary<string, string> JsonHeaders = new()
    {
        ["Content-Type"] = "application/json",
        ["Cache-Control"] = "no-store",
        ["X-Content-Type-Options"] = "nosniff",
    };

    public static ProxyResponse Json<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo) => new()
    {
        StatusCode = statusCode,
        Headers = new Dictionary<string, string>(JsonHeaders),
        Body = JsonSerializer.Serialize(body, typeInfo),
    };

    public static ProxyResponse Message(int statusCode, string message) =>
        Json(statusCode, new MessageBody(message), LambdaJson.Default.MessageBody);

    /// <summary>204: done, nothing to say; no body, so no content type, and the other headers of every answer.</summary>
    public static ProxyResponse NoContent() => new()
    {
        StatusCode = 204,
        Headers = JsonHeaders.Where(h => h.Key != "Content-Type").ToDictionary(),
    };

    public static ProxyResponse BadRequest(string message) => Message(400, message);
    public static ProxyResponse NotFound(string message) => Message(404, message);
    public static ProxyResponse InternalError() => Message(500, "Internal server error");

    /// <summary>
    /// 503: a service this function needs could not answer (<see cref="Aws.AwsServiceException.IsUnavailable"/>); retry,
    /// as <paramref name="howToRetry"/> says where a plain retry could do a write twice.
    /// </summary>
    public static ProxyResponse Unavailable(string service, string? howToRetry = null)
    {
        var response = Message(503, howToRetry is null ? $"The {service} is unavailable; retry the request." : $"The {service} is unavailable. {howToRetry}");
        response.Headers["Retry-After"] = "1";
        return response;
    }
}
