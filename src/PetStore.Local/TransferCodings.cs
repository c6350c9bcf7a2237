using Microsoft.AspNetCore.Http;

namespace PetStore.Local;

/// <summary>
/// Transfer codings: only <c>chunked</c> is understood, as by API Gateway, which accepts no request coding but
/// framing. RFC 9112 (6.1): a server that receives a transfer coding it does not understand should answer 501; taking
/// the body as is would hand a handler bytes the client compressed.
/// </summary>
public static class TransferCodings
{
    /// <summary>The request's Transfer-Encoding if it names any coding but <c>chunked</c> alone, else null.</summary>
    public static string? Unsupported(HttpRequest request)
    {
        var header = request.Headers.TransferEncoding;
        if (header.Count == 0) return null;
        var codings = header.SelectMany(v => (v ?? "").Split(',')).Select(c => c.Trim()).ToList();
        return codings is [var only] && string.Equals(only, "chunked", StringComparison.OrdinalIgnoreCase) ? null : string.Join(", ", codings);
    }

    public static string Message(string codings) =>
        $"Transfer-Encoding '{codings}' is not supported: send the body with Content-Length or 'Transfer-Encoding: chunked' alone.";
}
