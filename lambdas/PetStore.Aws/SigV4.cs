using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PetStore.Aws;

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
        // Plain loops rather than LINQ: each LINQ shape here would be compiled at run time on the cold start.
        foreach (var (name, values) in request.Headers) AddHeader(headers, name, values);
        if (request.Content is not null)
            foreach (var (name, values) in request.Content.Headers) AddHeader(headers, name, values);
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

    private static void AddHeader(SortedDictionary<string, string> headers, string name, IEnumerable<string> values)
    {
        if (Unsigned.Contains(name) || name.Equals("host", StringComparison.OrdinalIgnoreCase)) return;
        var joined = new StringBuilder();
        foreach (var value in values) (joined.Length == 0 ? joined : joined.Append(',')).Append(Normalize(value));
        headers[name.ToLowerInvariant()] = joined.ToString();
    }

    private static string Normalize(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal)) return trimmed;
        var collapsed = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
            if (c != ' ' || collapsed.Length == 0 || collapsed[^1] != ' ') collapsed.Append(c);
        return collapsed.ToString();
    }

    /// <summary>Each segment of the (already encoded) path URI-encoded again: AWS's rule for every service but S3; "/" for an empty path.</summary>
    private static string CanonicalPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (path is "" or "/") return "/";
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++) segments[i] = Uri.EscapeDataString(segments[i]);
        return string.Join('/', segments);
    }

    /// <summary>Parameters URI-encoded and sorted by name, then value (the JSON-protocol calls send none).</summary>
    private static string CanonicalQuery(Uri uri)
    {
        if (uri.Query is "" or "?") return "";
        var pairs = new List<(string Name, string Value)>();
        foreach (var parameter in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = parameter.Split('=', 2);
            pairs.Add((Uri.EscapeDataString(Uri.UnescapeDataString(pair[0])), Uri.EscapeDataString(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""))));
        }
        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        var query = new StringBuilder();
        foreach (var (name, value) in pairs) (query.Length == 0 ? query : query.Append('&')).Append(name).Append('=').Append(value);
        return query.ToString();
    }
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
