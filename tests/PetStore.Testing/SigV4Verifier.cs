using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PetStore.Testing;

/// <summary>
/// Checks an AWS Signature Version 4 <c>Authorization</c> header as the service would: recomputes the canonical
/// request from what arrived, the string to sign and the HMAC chain from the secret key, and compares. A stand-in
/// that uses it proves a request was really signed (and that the caller's SHA-256 and HMAC work), not only that it
/// carries a header that looks signed.
/// </summary>
public static partial class SigV4Verifier
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when the signature is valid for this key, region and service; otherwise why not.</summary>
    /// <param name="header">A request header's value by name (any case), or null.</param>
    public static string? Problem(string method, Uri uri, Func<string, string?> header, byte[] body,
        string accessKeyId, string secretKey, string region, string service, DateTimeOffset now)
    {
        var authorization = header("Authorization");
        if (authorization is null) return "no Authorization header";
        var match = AuthorizationHeader().Match(authorization);
        if (!match.Success) return $"not a SigV4 Authorization header: {authorization}";
        var (key, date, scopeRegion, scopeService) = (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        if (key != accessKeyId) return $"signed with access key {key}, not {accessKeyId}";
        if ((scopeRegion, scopeService) != (region, service)) return $"signed for {scopeService} in {scopeRegion}, not {service} in {region}";

        var amzDate = header("X-Amz-Date");
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var signedAt))
            return "no valid X-Amz-Date header";
        if (!amzDate.StartsWith(date, StringComparison.Ordinal)) return "X-Amz-Date does not match the credential scope's date";
        if ((now - signedAt).Duration() > AllowedSkew) return $"signed at {signedAt:O}, more than {AllowedSkew.TotalMinutes} minutes from now";

        var signedHeaders = match.Groups["headers"].Value.Split(';');
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var value = header(name) ?? (name == "host" ? uri.IsDefaultPort ? uri.Host : uri.Authority : null);
            if (value is null) return $"signed header {name} is missing";
            canonicalHeaders.Append(name).Append(':').Append(Spaces().Replace(value.Trim(), " ")).Append('\n');
        }
        var canonicalRequest = string.Join('\n',
            method,
            string.Join('/', uri.AbsolutePath.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s)))),
            string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).Select(p => (Name: Encode(p[0]), Value: Encode(p.Length > 1 ? p[1] : "")))
                .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}")),
            canonicalHeaders.ToString(),
            match.Groups["headers"].Value,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var signingKey = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in (string[])[date, region, service, "aws4_request"]) signingKey = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(part));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value))
            ? null
            : "the signature does not match the request";
    }

    private static string Encode(string value) => Uri.EscapeDataString(Uri.UnescapeDataString(value));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9\-;]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
