using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace PetStore.Testing;

/// <summary>What a function answered to one invocation: <c>response</c>, <c>error</c>, or <c>init-error</c>, with the time it arrived.</summary>
public sealed record RuntimeAnswer(long At, string Kind, string Body)
{
    /// <summary>When the runtime was handed the event (<see cref="Stopwatch"/> timestamp): Lambda's invocation starts there.</summary>
    public long? HandedOutAt { get; init; }
}

/// <summary>
/// The Lambda Runtime API (2018-06-01) on 127.0.0.1, for one function process at a time: <c>next</c> waits for an
/// event as Lambda's long poll does and hands out the queued events in order with a request id; the function's
/// response or error completes that invocation. Once <see cref="Complete"/> is called and the queue is empty,
/// <c>next</c> answers 410 Gone: there is nothing more, and a runtime that asks again stops.
/// </summary>
public sealed class LambdaRuntimeApi : IDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly HttpListener _listener = new();
    private readonly Channel<(string RequestId, byte[] Payload)> _events = Channel.CreateUnbounded<(string, byte[])>();
    private readonly Dictionary<string, TaskCompletionSource<RuntimeAnswer>> _pending = [];
    private readonly Dictionary<string, long> _handedOut = [];
    private long? _firstPoll;
    private readonly Lock _gate = new();

    public LambdaRuntimeApi()
    {
        var port = FreePort();
        Address = $"127.0.0.1:{port}";
        _listener.Prefixes.Add($"http://{Address}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>The value of <c>AWS_LAMBDA_RUNTIME_API</c> for the function.</summary>
    public string Address { get; }

    /// <summary>
    /// When the runtime first asked for an event (<see cref="Stopwatch"/> timestamp), or null: Lambda's init phase ends
    /// there, so it times a custom runtime's init from outside.
    /// </summary>
    public long? FirstPollAt
    {
        get { lock (_gate) return _firstPoll; }
    }

    /// <summary>Queues one event; the task completes when the function answers it (or fails to start: <c>init-error</c>).</summary>
    public Task<RuntimeAnswer> InvokeAsync(byte[] payload)
    {
        var requestId = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<RuntimeAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _pending[requestId] = answer;
        if (!_events.Writer.TryWrite((requestId, payload))) throw new InvalidOperationException("The Runtime API was completed: no more events.");
        return answer.Task;
    }

    /// <summary>No more events: once the queue is drained, <c>next</c> answers 410 Gone.</summary>
    public void Complete() => _events.Writer.TryComplete();

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
            // Each request on its own: a long poll for the next event must not hold up anything else.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
        var response = context.Response;
        try
        {
            if (path == Prefix + "invocation/next")
            {
                lock (_gate) _firstPoll ??= Stopwatch.GetTimestamp();
                if (!await _events.Reader.WaitToReadAsync() || !_events.Reader.TryRead(out var next))
                {
                    response.StatusCode = (int)HttpStatusCode.Gone;
                    return;
                }
                lock (_gate) _handedOut[next.RequestId] = Stopwatch.GetTimestamp();
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds().ToString();
                response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{next.RequestId.Replace("-", "")[..24]};Sampled=0";
                response.ContentType = "application/json";
                // Without a length, HttpListener ends the response late enough to cost a delayed ACK (~40 ms).
                response.ContentLength64 = next.Payload.Length;
                await response.OutputStream.WriteAsync(next.Payload);
                return;
            }
            var at = Stopwatch.GetTimestamp();
            if (path == Prefix + "init/error")
            {
                // The function could not start: every invocation waiting or queued fails with its error.
                lock (_gate)
                {
                    foreach (var pending in _pending.Values) pending.TrySetResult(new RuntimeAnswer(at, "init-error", body));
                    _pending.Clear();
                }
                response.StatusCode = (int)HttpStatusCode.Accepted;
                return;
            }
            var parts = path.StartsWith(Prefix + "invocation/", StringComparison.Ordinal) ? path[(Prefix.Length + "invocation/".Length)..].Split('/') : [];
            TaskCompletionSource<RuntimeAnswer>? invocation = null;
            long handedOut = 0;
            if (parts is [var id, "response" or "error"])
                lock (_gate)
                {
                    _pending.Remove(id, out invocation);
                    _handedOut.Remove(id, out handedOut);
                }
            if (invocation is null)
            {
                response.StatusCode = (int)HttpStatusCode.BadRequest;
                return;
            }
            invocation.TrySetResult(new RuntimeAnswer(at, parts[1], body) { HandedOutAt = handedOut });
            response.StatusCode = (int)HttpStatusCode.Accepted;
        }
        finally
        {
            response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Complete();
        _listener.Stop();
        _listener.Close();
    }
}
