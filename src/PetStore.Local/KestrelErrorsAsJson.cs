using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace PetStore.Local;

/// <summary>
/// Kestrel answers some requests itself, before any middleware can see them — headers over its limit (431), a URL
/// over its limit (414), a request line or path it cannot read such as <c>%00</c> in the path (400) — and answers
/// with an empty body, which no setting changes. This connection middleware rewrites those answers, and only those,
/// into the <c>{"message": ...}</c> JSON of every other error. They are recognisable on the wire: the gateway always
/// writes a JSON body, so an error status with <c>Content-Length: 0</c> can only be Kestrel's own.
/// </summary>
public static class KestrelErrorsAsJson
{
    /// <summary>Applies to one endpoint; HTTP/1.1 only, the protocol whose answers it can read.</summary>
    public static void Apply(ListenOptions listen)
    {
        listen.Protocols = HttpProtocols.Http1;
        listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            connection.Transport = new DuplexPipe(transport.Input, new RewritingWriter(transport.Output));
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        });
    }

    /// <summary>The message for a status Kestrel chose.</summary>
    public static string MessageFor(int status) => status switch
    {
        400 => "Bad request: the request line, a header or the path could not be read.",
        413 => "Request body too large.",
        414 => "Request URL too long.",
        431 => "Request headers too large.",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error",
    };

    /// <summary>
    /// If <paramref name="bytes"/> start with an empty-bodied error response, the same response with a JSON body;
    /// otherwise null.
    /// </summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || headEnd < 0) return null;
        var lines = text[..headEnd].Split("\r\n");
        if (lines[0].Length < 12 || !int.TryParse(lines[0].AsSpan(9, 3), out var status) || status < 400) return null;
        if (!lines.Skip(1).Any(l => l.Equals("Content-Length: 0", StringComparison.OrdinalIgnoreCase))) return null;

        var body = $"{{\"message\":{System.Text.Json.JsonSerializer.Serialize(MessageFor(status))}}}";
        var head = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var line in lines.Skip(1).Where(l => !l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
            head.Append(line).Append("\r\n");
        head.Append("Content-Type: application/json\r\n").Append($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. Encoding.UTF8.GetBytes(body), .. bytes[(headEnd + 4)..]];
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>Collects what Kestrel writes until it flushes, then passes it on, rewritten if it is an empty error.</summary>
    private sealed class RewritingWriter(PipeWriter inner) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _pending = new();

        public override void Advance(int bytes) => _pending.Advance(bytes);
        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);
        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);
        public override bool CanGetUnflushedBytes => true;
        public override long UnflushedBytes => _pending.WrittenCount;
        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            if (_pending.WrittenCount > 0)
            {
                var written = _pending.WrittenSpan;
                inner.Write(Rewrite(written) ?? written);
                _pending.ResetWrittenCount();
            }
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            if (exception is null && _pending.WrittenCount > 0) _ = FlushAsync().AsTask().GetAwaiter().GetResult();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            if (exception is null && _pending.WrittenCount > 0) await FlushAsync();
            await inner.CompleteAsync(exception);
        }
    }
}
