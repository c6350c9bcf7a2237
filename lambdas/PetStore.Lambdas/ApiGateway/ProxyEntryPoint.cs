using System.Diagnostics;
using System.Text.Json;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.ApiGateway;

/// <summary>
/// What every proxy function does around its handler: read the event, call the handler, turn any unexpected
/// failure into a JSON 500 (never a stack trace), log one line per request, write the response.
/// </summary>
public static class ProxyEntryPoint
{
    public static async Task<Stream> HandleAsync(Stream input, Func<ProxyRequest, Task<ProxyResponse>> handle, JsonLog log)
    {
        var started = Stopwatch.GetTimestamp();
        using var invocation = log.BeginInvocation();
        ProxyRequest? request = null;
        ProxyResponse response;
        try
        {
            request = await JsonSerializer.DeserializeAsync(input, LambdaJson.Default.ProxyRequest)
                ?? throw new JsonException("The event is null.");
            invocation.RequestId = request.RequestContext.RequestId;
            response = await handle(request);
        }
        catch (Exception error)
        {
            log.Error("Unhandled error",
                ("errorType", error.GetType().FullName),
                ("error", error.ToString()));
            response = ApiResult.InternalError();
        }

        log.Info("Request handled",
            ("method", request?.HttpMethod),
            ("resource", request?.Resource),
            ("status", response.StatusCode),
            ("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds));

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, LambdaJson.Default.ProxyResponse);
        output.Position = 0;
        return output;
    }
}
