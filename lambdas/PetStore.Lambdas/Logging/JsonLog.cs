using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PetStore.Lambdas.Logging;

/// <summary>
/// Structured logs: one JSON object a line on stdout, which Lambda ships to CloudWatch Logs. Callers pass only
/// identifiers and outcomes, never tokens, passwords or bodies.
/// </summary>
public sealed class JsonLog(TextWriter output, TimeProvider clock)
{
    // Raw stdout, not Console.Out: the Lambda runtime prefixes Console.Out lines with its own text format, which
    // would stop CloudWatch Logs Insights from reading our lines as JSON.
    public static readonly JsonLog Console = new(
        new StreamWriter(System.Console.OpenStandardOutput()) { AutoFlush = true }, TimeProvider.System);

    private readonly Lock _gate = new();

    // Readable lines: '+' and non-ASCII stay as they are; quotes and control characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Info(string message, params (string Key, object? Value)[] fields) => Write("INFO", message, fields);
    public void Warn(string message, params (string Key, object? Value)[] fields) => Write("WARN", message, fields);
    public void Error(string message, params (string Key, object? Value)[] fields) => Write("ERROR", message, fields);

    private void Write(string level, string message, (string Key, object? Value)[] fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", clock.GetUtcNow().ToString("O"));
            json.WriteString("level", level);
            json.WriteString("message", message);
            foreach (var (key, value) in fields)
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
            json.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (_gate) output.WriteLine(line);
    }
}
