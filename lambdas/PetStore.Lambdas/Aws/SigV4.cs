using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PetStore.Lambdas.Aws;

/// <summary>
/// AWS Signature Version 4 for the JSON-protocol calls the functions make (a POST with a body, no query string):
/// the canonical request, the string to sign, the HMAC-SHA256 key chain, the Authorization header. It signs the same
/// headers AWSSDK.Core's SigV4SigningHandler does (every header present, plus the payload hash and the date) and is
/// tested to produce its exact signature; the SDK's handler brought its configuration machinery into every cold start.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    // Set by transports on the way out, or not part of what AWS checks.
    private static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase) { "authorization", "user-agent", "expect", "connection" };

    /// <summary>Adds X-Amz-Date, X-Amz-Content-SHA256, the session token if any and Authorization to <paramref name="request"/>.</summary>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, AwsKeys keys, string region, string service, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request to sign needs an absolute URI.");
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));

        request.Headers.Remove("Authorization");
        request.Headers.Remove("X-Amz-Date");
        request.Headers.Remove("X-Amz-Content-SHA256");
        request.Headers.Remove("X-Amz-Security-Token");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", payloadHash);
        if (keys.SessionToken is { } token) request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
        if (request.Content is { } content) content.Headers.ContentLength = body.Length;

        // Canonical headers: lower-case names in order, values trimmed with inner runs of spaces collapsed.
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.Headers.Host ?? (uri.IsDefaultPort ? uri.Host : uri.Authority),
        };
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            if (Unsigned.Contains(name) || name.Equals("host", StringComparison.OrdinalIgnoreCase)) continue;
            headers[name.ToLowerInvariant()] = string.Join(',', values.Select(Normalize));
        }
        var signedHeaders = string.Join(';', headers.Keys);

        var canonical = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(CanonicalPath(uri)).Append('\n')
            .Append(CanonicalQuery(uri)).Append('\n');
        foreach (var (name, value) in headers) canonical.Append(name).Append(':').Append(value).Append('\n');
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + keys.SecretAccessKey), date);
        key = Hmac(Hmac(Hmac(key, region), service), "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));

        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={keys.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Normalize(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal)) return trimmed;
        var collapsed = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
            if (c != ' ' || collapsed.Length == 0 || collapsed[^1] != ' ') collapsed.Append(c);
        return collapsed.ToString();
    }

    /// <summary>Each segment URI-encoded (RFC 3986) once from its decoded form; "/" for an empty path.</summary>
    private static string CanonicalPath(Uri uri) => uri.AbsolutePath is { Length: > 0 } path
        ? string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(Uri.UnescapeDataString(segment))))
        : "/";

    private static string CanonicalQuery(Uri uri) => string.Join('&', uri.Query.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Select(pair => (Name: Uri.EscapeDataString(Uri.UnescapeDataString(pair[0])), Value: Uri.EscapeDataString(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""))))
        .OrderBy(pair => pair.Name, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal)
        .Select(pair => $"{pair.Name}={pair.Value}"));
}

/// <summary>Signs each request with <see cref="SigV4"/> before it is sent, with the keys current at that moment.</summary>
public sealed class SigV4Handler(AwsCredentials credentials, string region, string service, TimeProvider clock, HttpMessageHandler inner)
    : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        SigV4.Sign(request, body, credentials.Current(), region, service, clock.GetUtcNow());
        return await base.SendAsync(request, cancellationToken);
    }
}
