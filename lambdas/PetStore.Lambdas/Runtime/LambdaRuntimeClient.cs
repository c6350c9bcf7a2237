using System.Net.Http.Headers;
using System.Text.Json;

namespace PetStore.Lambdas.Runtime;

/// <summary>
/// The Lambda Runtime API loop for a custom runtime (<c>provided.al2023</c>), which Amazon.Lambda.RuntimeSupport would
/// give us if this registry had it: fetch the next event, hand it to the function, post its answer or its error.
/// A user with that package can swap this for <c>LambdaBootstrapBuilder</c>; the function code is the same.
/// </summary>
public sealed class LambdaRuntimeClient(HttpClient runtimeApi)
{
    private const string Version = "2018-06-01";

    /// <summary>A client for <c>AWS_LAMBDA_RUNTIME_API</c> (host:port), as Lambda sets it for a custom runtime.</summary>
    public static LambdaRuntimeClient FromEnvironment()
    {
        var address = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrEmpty(address))
            throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this program is a Lambda custom runtime's bootstrap and runs inside Lambda.");
        // The next event can be minutes away: no client timeout on the long poll.
        return new LambdaRuntimeClient(new HttpClient { BaseAddress = new Uri($"http://{address}/{Version}/runtime/"), Timeout = Timeout.InfiniteTimeSpan });
    }

    /// <summary>
    /// Creates the function (the init phase; a failure is reported to Lambda as an init error), then serves
    /// invocations until <paramref name="cancellation"/> fires. A failed invocation is reported and the loop goes on.
    /// </summary>
    public async Task RunAsync(Func<Func<Stream, Task<Stream>>> init, CancellationToken cancellation = default)
    {
        Func<Stream, Task<Stream>> handler;
        try
        {
            handler = init();
        }
        catch (Exception e)
        {
            await PostErrorAsync("init/error", e, cancellation);
            throw;
        }
        while (!cancellation.IsCancellationRequested)
            await InvokeNextAsync(handler, cancellation);
    }

    /// <summary>Serves one invocation: the next event in, the function's answer or error out.</summary>
    public async Task InvokeNextAsync(Func<Stream, Task<Stream>> handler, CancellationToken cancellation = default)
    {
        using var next = await runtimeApi.GetAsync("invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellation);
        next.EnsureSuccessStatusCode();
        var requestId = Header(next, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API sent an event without Lambda-Runtime-Aws-Request-Id.");
        // X-Ray's SDKs and our logs read the trace id from the environment, as the managed runtime sets it.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", Header(next, "Lambda-Runtime-Trace-Id"));

        Stream output;
        try
        {
            // The whole event first: Lambda sends it at once, and a function reads it from memory (EventPayload).
            await using var input = EventPayload.InMemory(await next.Content.ReadAsByteArrayAsync(cancellation));
            output = await handler(input);
        }
        catch (Exception e)
        {
            await PostErrorAsync($"invocation/{requestId}/error", e, cancellation);
            return;
        }
        await using (output)
        {
            using HttpContent content = output is MemoryStream memory && memory.TryGetBuffer(out var answer)
                ? new ByteArrayContent(answer.Array!, answer.Offset + (int)memory.Position, answer.Count - (int)memory.Position)
                : new StreamContent(output);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var posted = await runtimeApi.PostAsync($"invocation/{requestId}/response", content, cancellation);
            posted.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// The error document Lambda expects. Its errorMessage is what API Gateway reads from an authorizer: "Unauthorized"
    /// there means 401, as with the managed runtime.
    /// </summary>
    internal static byte[] ErrorDocument(Exception error)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", error.Message);
            json.WriteString("errorType", error.GetType().Name);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private async Task PostErrorAsync(string path, Exception error, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(ErrorDocument(error)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", error.GetType().Name);
        using var posted = await runtimeApi.SendAsync(request, cancellation);
        posted.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
