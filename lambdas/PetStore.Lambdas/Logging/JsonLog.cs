using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PetStore.Lambdas.Logging;

/// <summary>
/// Structured logs: one JSON object a line on stdout, which Lambda ships to CloudWatch Logs, with the keys operators
/// search for, named as Powertools for AWS Lambda names them: <c>level</c>, <c>message</c>, <c>timestamp</c>,
/// <c>function_name</c>, <c>function_version</c>, and during an invocation <c>cold_start</c>, <c>xray_trace_id</c> and
/// <c>request_id</c>; then the event's own fields. Callers pass only identifiers and outcomes, never tokens, passwords
/// or bodies.
/// </summary>
public sealed class JsonLog(TextWriter output, TimeProvider clock, LogEnvironment environment)
{
    // Raw stdout, not Console.Out: the Lambda runtime prefixes Console.Out lines with its own text format, which
    // would stop CloudWatch Logs Insights from reading our lines as JSON.
    private static readonly TextWriter Stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };

    /// <summary>The keys every line may carry before the event's own fields; an event field of the same name is left out.</summary>
    public static readonly IReadOnlyList<string> StandardKeys =
        ["level", "message", "timestamp", "function_name", "function_version", "cold_start", "xray_trace_id", "request_id"];

    // The invocation this async flow is serving, whichever log writes: a handler's own log sees the entry point's.
    private static readonly AsyncLocal<Invocation?> Current = new();

    // Readable lines: '+' and non-ASCII stay as they are; quotes and control characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private int _invocations;

    public JsonLog(TextWriter output, TimeProvider clock) : this(output, clock, LogEnvironment.FromProcess()) { }

    /// <summary>
    /// A log on stdout for one function. Its first invocation is the cold start, so each function has its own (local
    /// mode runs several in one process).
    /// </summary>
    public static JsonLog ForFunction() => new(Stdout, TimeProvider.System, LogEnvironment.FromProcess());

    /// <summary>
    /// Starts serving one invocation: lines written in this async flow until the scope is disposed carry
    /// <c>cold_start</c> (true for this log's first invocation), <c>xray_trace_id</c> and <c>request_id</c>, which the
    /// entry point sets once it has read the event.
    /// </summary>
    public Invocation BeginInvocation(string? requestId = null) =>
        new(Interlocked.Increment(ref _invocations) == 1, requestId, Current);

    public void Info(string message, params (string Key, object? Value)[] fields) => Write("INFO", message, fields);
    public void Warn(string message, params (string Key, object? Value)[] fields) => Write("WARN", message, fields);
    public void Error(string message, params (string Key, object? Value)[] fields) => Write("ERROR", message, fields);

    private void Write(string level, string message, (string Key, object? Value)[] fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("level", level);
            json.WriteString("message", message);
            json.WriteString("timestamp", clock.GetUtcNow().ToString("O"));
            WriteIfKnown(json, "function_name", environment.FunctionName);
            WriteIfKnown(json, "function_version", environment.FunctionVersion);
            if (Current.Value is { } invocation)
            {
                json.WriteBoolean("cold_start", invocation.ColdStart);
                WriteIfKnown(json, "xray_trace_id", XRayTraceId(environment.TraceHeader()));
                WriteIfKnown(json, "request_id", invocation.RequestId);
            }
            foreach (var (key, value) in fields)
            {
                if (StandardKeys.Contains(key)) continue;
                WriteField(json, key, value);
            }
            json.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        // Logs of several functions may share one writer (local mode): one line at a time.
        lock (output) output.WriteLine(line);
    }

    /// <summary>The trace id of an X-Ray trace header (<c>Root=1-…;Parent=…;Sampled=1</c>), as Powertools logs it: the Root.</summary>
    internal static string? XRayTraceId(string? header)
    {
        if (string.IsNullOrEmpty(header)) return null;
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries))
            if (part.StartsWith("Root=", StringComparison.Ordinal)) return part["Root=".Length..];
        return null;
    }

    private static void WriteIfKnown(Utf8JsonWriter json, string key, string? value)
    {
        if (value is not null) json.WriteString(key, value);
    }

    private static void WriteField(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int i: json.WriteNumber(key, i); break;
            case long l: json.WriteNumber(key, l); break;
            case double d: json.WriteNumber(key, d); break;
            default: json.WriteString(key, value.ToString()); break;
        }
    }

    /// <summary>One invocation being served; dispose it when the invocation ends.</summary>
    public sealed class Invocation : IDisposable
    {
        private readonly AsyncLocal<Invocation?> _slot;
        private readonly Invocation? _previous;

        internal Invocation(bool coldStart, string? requestId, AsyncLocal<Invocation?> slot)
        {
            (ColdStart, RequestId, _slot, _previous) = (coldStart, requestId, slot, slot.Value);
            slot.Value = this;
        }

        public bool ColdStart { get; }

        /// <summary>API Gateway's request id (the <c>x-amzn-RequestId</c> the client got, and the access log's <c>requestId</c>).</summary>
        public string? RequestId { get; set; }

        public void Dispose() => _slot.Value = _previous;
    }
}
