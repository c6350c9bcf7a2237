using System.Text;
using System.Text.Json;
using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Validates an access token from any trusted issuer (<see cref="TrustedIssuer"/>), Cognito pool or OIDC provider,
/// with the same strictness for all: a JWS compact token signed RS256 by a key its issuer publishes (no other
/// algorithm, so no <c>none</c> and no HS256-with-the-public-key), the exact issuer, expiry and not-before (no clock
/// skew), an access token rather than an ID token, the client (or, for OIDC, the audience), and the scope. Claims are
/// read only after the signature is verified (except the issuer and key id that choose the key). Each token has one
/// accepted spelling: every segment canonical base64url (<see cref="CanonicalBase64Url"/>), no <c>crit</c> header, no
/// repeated member in header or payload, so that nobody can turn one token into many API Gateway cache keys.
///
/// Claim shapes differ by provider, and each is read as its providers write it: <c>aud</c> a string or an array
/// (Auth0, Keycloak), the scope in <c>scope</c> (space-separated) or <c>scp</c> (Entra ID: space-separated; Okta: an
/// array), the client in <c>client_id</c> (Cognito, RFC 9068), <c>azp</c> (Auth0, Entra ID v2, Keycloak), <c>cid</c>
/// (Okta) or <c>appid</c> (Entra ID v1), groups at any path (<c>cognito:groups</c>, <c>permissions</c>, <c>roles</c>,
/// <c>realm_access.roles</c>) as an array or a space-separated string.
///
/// This is our own code on purpose: Microsoft.IdentityModel validated the same rules but cost about 70 ms of a cold
/// start on its first token (docs/PERFORMANCE.md). The tests mint their tokens with Microsoft.IdentityModel, so the
/// two implementations check each other.
/// </summary>
public sealed class AccessTokenValidator(IReadOnlyList<TrustedIssuer> issuers, JwksCache keys, TimeProvider clock)
{
    public const int MaxTokenLength = 8192;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    public AccessTokenValidator(IReadOnlyList<TrustedIssuer> issuers, JwksCache keys) : this(issuers, keys, TimeProvider.System) { }

    /// <exception cref="TokenRejectedException">The token is not acceptable; the message says why.</exception>
    /// <exception cref="HttpRequestException">The issuer's keys could not be fetched.</exception>
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
        var iss = Text(claims, "iss");
        var issuer = issuers.FirstOrDefault(p => p.Issuer == iss)
            ?? throw new TokenRejectedException($"issuer '{iss}' is not trusted");

        var issuerKeys = await keys.KeysAsync(issuer, keyId, cancellationToken);
        if (!issuerKeys.TryGet(keyId, out var key)) throw new TokenRejectedException("signed with a key the issuer does not publish");
        var signature = Segment(parts[2], "signature");
        if (!key.Verifies(Encoding.ASCII.GetBytes(string.Concat(parts[0], ".", parts[1])), signature))
            throw new TokenRejectedException("invalid signature");

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (Seconds(claims, "exp") is not { } expires) throw new TokenRejectedException("no expiry");
        if (now >= expires) throw new TokenRejectedException("expired");
        if (Seconds(claims, "nbf") is { } notBefore && now < notBefore) throw new TokenRejectedException("not yet valid");

        CheckAccessToken(issuer, header.RootElement, claims);
        var client = Client(claims);
        if (issuer.Kind == IssuerKind.Oidc && !Strings(claims, ["aud"]).Any(issuer.Audiences.Contains))
            throw new TokenRejectedException("not issued for this API's audience");
        if (issuer.RequiredScope is { } scope && !Strings(claims, ["scope"]).Concat(Strings(claims, ["scp"])).Contains(scope))
            throw new TokenRejectedException($"missing the {scope} scope");
        var subject = Text(claims, "sub") is { Length: > 0 } sub ? sub : throw new TokenRejectedException("no sub claim");

        // A person, or a tenant's machine client, or neither: the contract's one rule (the registry then admits the tenant).
        var caller = issuer.Classify(claims, client);
        if (caller.Kind == CallerKind.Refused) throw new TokenRejectedException(caller.Refusal!);

        var groups = Strings(claims, issuer.GroupsClaim)
            .Select(g => issuer.GroupMapping.Count == 0 ? g : issuer.GroupMapping.GetValueOrDefault(g))
            .OfType<string>().Where(issuer.Groups.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        var username = Text(claims, "username") ?? Text(claims, "preferred_username") ?? subject;
        // Stores are a person's: a machine client works in none, whatever its token says.
        var stores = caller.Kind == CallerKind.Person ? TokenClaims.StoreIds(claims, issuer.StoresClaim) : [];
        return new VerifiedIdentity(issuer, subject, username, groups, caller.TenantId, stores);
    }

    /// <summary>An access token, not an ID token: Cognito says so in <c>token_use</c>; OIDC providers by the header's <c>typ</c> or claims, where configured.</summary>
    private static void CheckAccessToken(TrustedIssuer issuer, JsonElement header, JsonElement claims)
    {
        var tokenUse = Text(claims, "token_use");
        if (issuer.Kind == IssuerKind.Cognito ? tokenUse != "access" : tokenUse is not (null or "access"))
            throw new TokenRejectedException("not an access token");
        // OpenID Connect Core §2: nonce belongs to ID tokens.
        if (claims.TryGetProperty("nonce", out _)) throw new TokenRejectedException("carries a nonce, so it is an ID token");
        if (issuer.AccessTokenType is { } type)
        {
            var typ = Text(header, "typ") ?? "";
            // RFC 9068 §2.1: "at+jwt"; the media type may also be written with its "application/" prefix.
            if (!string.Equals(typ, type, StringComparison.OrdinalIgnoreCase) && !string.Equals(typ, $"application/{type}", StringComparison.OrdinalIgnoreCase))
                throw new TokenRejectedException($"header typ is not {type}");
        }
        foreach (var (name, value) in issuer.RequiredClaims)
            if (Text(claims, name) != value) throw new TokenRejectedException($"claim {name} is not '{value}'");
    }

    /// <summary>The client the token was issued to, whichever claim the provider names it in; naming two different clients is refused.</summary>
    private static string? Client(JsonElement claims)
    {
        var named = TokenClaims.ClientClaims.Select(c => Text(claims, c)).OfType<string>().Distinct().ToList();
        return named.Count <= 1 ? named.SingleOrDefault() : throw new TokenRejectedException("names two different clients");
    }

    /// <summary>The strings at a claim path: an array of strings, or a space-separated string (as <c>scope</c> is).</summary>
    private static IEnumerable<string> Strings(JsonElement claims, IReadOnlyList<string> path)
    {
        if (TokenClaims.At(claims, path) is not { } value) return [];
        return value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            JsonValueKind.String => value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            _ => [],
        };
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

    private static string? Text(JsonElement claims, string name) => TokenClaims.Text(claims, name);

    private static long? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) ? seconds : null;
}
