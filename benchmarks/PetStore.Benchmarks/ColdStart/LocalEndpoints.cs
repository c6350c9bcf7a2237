using System.Diagnostics;
using System.Net;
using System.Text;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>
/// Everything a cold start talks to, on 127.0.0.1: the Lambda Runtime API (hands out one event per run and records
/// when the answer comes back), the pool's JWKS, and a Verified Permissions stand-in that allows (the cold start is
/// about the function, not Cedar).
/// </summary>
public sealed class LocalEndpoints : IDisposable
{
    private const string RuntimePrefix = "/2018-06-01/runtime/invocation/";

    private readonly HttpListener _listener = new();
    private readonly string _jwks;
    private readonly byte[] _event;
    private TaskCompletionSource<(long At, string Kind, string Body)> _answer = new();
    private bool _handedOut;

    public LocalEndpoints(int port, string jwks, byte[] invocationEvent)
    {
        _jwks = jwks;
        _event = invocationEvent;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }
    public string RuntimeApi => $"127.0.0.1:{BaseUri.Port}";
    public Uri JwksUri => new(BaseUri, "pool/.well-known/jwks.json");
    public string Issuer => new Uri(BaseUri, "pool").ToString();
    public int AvpCalls;

    /// <summary>Arms the Runtime API for one invocation; the task completes when the function answers.</summary>
    public Task<(long At, string Kind, string Body)> NextAnswer()
    {
        _answer = new TaskCompletionSource<(long, string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _handedOut = false;
        return _answer.Task;
    }

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
            var path = context.Request.Url!.AbsolutePath;
            using var reader = new StreamReader(context.Request.InputStream);
            var requestBody = await reader.ReadToEndAsync();
            byte[] body;
            if (path == RuntimePrefix + "next" && _handedOut)
            {
                // One event per run: a custom runtime's loop asking again is told there is nothing more (it is
                // stopped once its answer is in).
                context.Response.StatusCode = (int)HttpStatusCode.Gone;
                context.Response.Close();
                continue;
            }
            if (path == RuntimePrefix + "next")
            {
                _handedOut = true;
                context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = Guid.NewGuid().ToString();
                body = _event;
            }
            else if (path.StartsWith(RuntimePrefix, StringComparison.Ordinal))
            {
                _answer.TrySetResult((Stopwatch.GetTimestamp(), path.EndsWith("/error", StringComparison.Ordinal) ? "error" : "response", requestBody));
                body = [];
            }
            else if (path.EndsWith("jwks.json", StringComparison.Ordinal))
            {
                body = Encoding.UTF8.GetBytes(_jwks);
            }
            else
            {
                Interlocked.Increment(ref AvpCalls);
                body = """{"decision":"ALLOW","determiningPolicies":[{"policyId":"employees-create-pets"}],"errors":[]}"""u8.ToArray();
            }
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.ContentType = "application/json";
            // Without a length, HttpListener ends the response late enough to cost a delayed ACK (~40 ms) per call.
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
