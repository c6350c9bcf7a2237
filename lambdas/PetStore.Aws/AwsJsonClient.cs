using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PetStore.Aws;

/// <summary>
/// A call to an AWS service that speaks the JSON protocol (Cognito user pools: 1.1, Verified Permissions: 1.0):
/// POST to the service root with <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>. Signing, when the operation
/// needs it, is the <see cref="HttpClient"/>'s handler's job (<see cref="AwsHttp"/>).
/// </summary>
public sealed class AwsJsonClient(HttpClient http, Uri endpoint, string targetPrefix, string jsonVersion)
{
    private readonly MediaTypeHeaderValue _contentType = new($"application/x-amz-json-{jsonVersion}");

    public Uri Endpoint => endpoint;

    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{targetPrefix}.{operation}");
        message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, requestType));
        message.Content.Headers.ContentType = _contentType;

        using var response = await http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw ParseError(response, body);
        // Some operations answer 200 with no body; read that as an empty object.
        return JsonSerializer.Deserialize(body.Length == 0 ? "{}"u8 : body, responseType)
            ?? throw new AwsServiceException("EmptyResponse", $"{operation} returned no body", response.StatusCode);
    }

    /// <summary>AWS names the error in <c>__type</c> (sometimes <c>prefix#Name</c>) or the <c>x-amzn-ErrorType</c> header.</summary>
    public static AwsServiceException ParseError(HttpResponseMessage response, byte[] body)
    {
        string? type = null, text = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String) continue;
                    if (property.NameEquals("__type")) type = property.Value.GetString();
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase)) text = property.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy or load balancer answered): fall back to the status line.
        }

        if (type is null && response.Headers.TryGetValues("x-amzn-ErrorType", out var headerTypes)) type = headerTypes.FirstOrDefault();
        type ??= $"Http{(int)response.StatusCode}";
        type = type[(type.LastIndexOf('#') + 1)..];
        var colon = type.IndexOf(':');
        if (colon >= 0) type = type[..colon];
        return new AwsServiceException(type, text ?? response.ReasonPhrase ?? "", response.StatusCode);
    }
}
