using System.Text;
using System.Text.Json;
using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Validates a Cognito access token from any trusted pool the way the Cognito authorizer does, and more strictly:
/// a JWS compact token signed RS256 by a key its pool publishes (no other algorithm, so no <c>none</c> and no
/// HS256-with-the-public-key), issuer, expiry and not-before (no clock skew), <c>token_use</c> = access, an app
/// client of that pool, and the API scope. Claims are read only after the signature is verified (except the issuer
/// and key id that choose the key), and a token with a repeated claim is refused. Each token has one accepted spelling:
/// every segment canonical base64url (<see cref="CanonicalBase64Url"/>), no <c>crit</c> header, no repeated member in
/// header or payload, so that nobody can turn one token into many API Gateway cache keys.
///
/// This is our own code on purpose: Microsoft.IdentityModel validated the same rules but cost about 70 ms of a cold
/// start on its first token (docs/PERFORMANCE.md). The tests mint their tokens with Microsoft.IdentityModel, so the
/// two implementations check each other.
/// </summary>
public sealed class AccessTokenValidator(IReadOnlyList<TrustedPool> pools, JwksCache keys, TimeProvider clock)
{
    public const int MaxTokenLength = 8192;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    public AccessTokenValidator(IReadOnlyList<TrustedPool> pools, JwksCache keys) : this(pools, keys, TimeProvider.System) { }

    /// <exception cref="TokenRejectedException">The token is not acceptable; the message says why.</exception>
    /// <exception cref="HttpRequestException">The pool's keys could not be fetched.</exception>
    public async Task<VerifiedIdentity> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length > MaxTokenLength) throw new TokenRejectedException("token too long");
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0)) throw new TokenRejectedException("not a signed JWT");

        using var header = ParseSegment(parts[0], "header");
        if (Text(header.RootElement, "alg") != "RS256") throw new TokenRejectedException("algorithm is not RS256");
        // RFC 7515 §4.1.11: extensions listed as critical must be understood, and this validator understands none.
        if (header.RootElement.TryGetProperty("crit", out _)) throw new TokenRejectedException("the header lists crit extensions, none of which is understood");
        var keyId = Text(header.RootElement, "kid") ?? throw new TokenRejectedException("no key id");

        using var payload = ParseSegment(parts[1], "payload");
        var claims = payload.RootElement;
        var issuer = Text(claims, "iss");
        var pool = pools.FirstOrDefault(p => p.Issuer == issuer)
            ?? throw new TokenRejectedException($"issuer '{issuer}' is not a trusted pool");

        var poolKeys = await keys.KeysAsync(pool, keyId, cancellationToken);
        if (!poolKeys.TryGet(keyId, out var key)) throw new TokenRejectedException("signed with a key the pool does not publish");
        var signature = Segment(parts[2], "signature");
        if (!key.Verifies(Encoding.ASCII.GetBytes(string.Concat(parts[0], ".", parts[1])), signature))
            throw new TokenRejectedException("invalid signature");

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (Seconds(claims, "exp") is not { } expires) throw new TokenRejectedException("no expiry");
        if (now >= expires) throw new TokenRejectedException("expired");
        if (Seconds(claims, "nbf") is { } notBefore && now < notBefore) throw new TokenRejectedException("not yet valid");

        if (Text(claims, "token_use") != "access") throw new TokenRejectedException("not an access token");
        if (Text(claims, "client_id") is not { } client || !pool.ClientIds.Contains(client))
            throw new TokenRejectedException("issued to an app client that is not trusted");
        if (!(Text(claims, "scope") ?? "").Split(' ').Contains(ApiScope.FullName))
            throw new TokenRejectedException($"missing the {ApiScope.FullName} scope");
        var subject = Text(claims, "sub") is { Length: > 0 } sub ? sub : throw new TokenRejectedException("no sub claim");

        var groups = claims.TryGetProperty("cognito:groups", out var claimed) && claimed.ValueKind == JsonValueKind.Array
            ? claimed.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!)
                .Where(pool.Groups.Contains).Distinct().Order(StringComparer.Ordinal).ToList()
            : [];
        return new VerifiedIdentity(pool, subject, Text(claims, "username") ?? subject, groups);
    }

    /// <summary>A segment's bytes, if it is spelled the one accepted way.</summary>
    private static byte[] Segment(string segment, string name)
    {
        try
        {
            return CanonicalBase64Url.Decode(segment);
        }
        catch (FormatException e)
        {
            throw new TokenRejectedException($"{name} is not canonical base64url: {e.Message}");
        }
    }

    private static JsonDocument ParseSegment(string segment, string name)
    {
        var bytes = Segment(segment, name);
        try
        {
            var document = JsonDocument.Parse(bytes, Strict);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
        }
        catch (JsonException)
        {
            // Reported below.
        }
        throw new TokenRejectedException($"{name} is not a JSON object (or repeats a member)");
    }

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) ? seconds : null;
}
