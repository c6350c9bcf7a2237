using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Local;

/// <summary>
/// A demo OpenID Connect provider, so that a token from an issuer other than Cognito can be tried with curl: an RSA key
/// made at start, a discovery document, its JWKS and a token endpoint. Its access tokens are shaped like Auth0's
/// (RFC 9068 <c>typ: at+jwt</c>, <c>aud</c> an array, <c>azp</c>, a space-separated <c>scope</c>, groups in
/// <c>permissions</c>, the tenant in <c>org_id</c>), and the authorizer trusts it as any configured OIDC provider:
/// through <see cref="Trusted"/>, found by discovery. It signs whatever it is asked on loopback, so it exists only in
/// local mode.
///
/// <c>POST &lt;issuer&gt;/oauth/token</c>, form-encoded, with <c>client_secret</c> the demo password:
/// <list type="bullet">
/// <item><c>grant_type=client_credentials&amp;client_id=&lt;any&gt;&amp;org_id=&lt;tenant id&gt;</c>: a tenant's machine client;</item>
/// <item><c>grant_type=password&amp;username=&lt;any&gt;</c>: a person, through the demo app client, optionally with
/// <c>stores</c> (comma-separated store ids, put in the token as an array);</item>
/// </list>
/// each optionally with <c>permissions</c> (space-separated: <c>read:pets</c>, <c>write:pets</c>, <c>admin:store</c>), and
/// a person optionally with <c>org_id</c> too, as Auth0 writes it for a user signed in to an organization (still a person:
/// only a client-credentials token, marked <c>gty: client-credentials</c>, is a tenant's).
/// </summary>
public sealed class DemoIssuer(string issuerUrl, string clientSecret, TimeProvider clock) : IDisposable
{
    public const string PathPrefix = "/demo-oidc";
    public const string Name = "Demo";
    public const string Audience = "https://petstore.local/api";
    public const string Scope = "petstore:api";
    public const string AppClientId = "demo-app";
    public const string TenantClaim = "org_id";
    public const string PermissionsClaim = "permissions";
    /// <summary>A namespaced custom claim, as an Auth0 action would add one: the stores a person works in, as an array.</summary>
    public const string StoresClaim = "https://petstore.local/stores";

    /// <summary>Auth0's mark of a client-credentials token, which its tokens carry too.</summary>
    public static readonly MachineTokenRule MachineToken = new() { Claim = "gty", Value = "client-credentials" };

    /// <summary>The provider's permissions as the API's groups, as an operator would map Auth0 permissions.</summary>
    public static readonly IReadOnlyDictionary<string, string> Permissions = new Dictionary<string, string>
    {
        ["read:pets"] = Groups.Customers,
        ["write:pets"] = Groups.Employees,
        ["admin:store"] = Groups.Owners,
    };

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = $"demo-{Guid.NewGuid():N}"[..16];

    public string Issuer => issuerUrl;
    public string TokenEndpoint => $"{issuerUrl}/oauth/token";

    /// <summary>How the authorizer trusts it: no JWKS URL, so discovery finds it.</summary>
    public TrustedIssuer Trusted => new()
    {
        Name = Name,
        Kind = IssuerKind.Oidc,
        Issuer = issuerUrl,
        Audiences = [Audience],
        ClientIds = [AppClientId],
        RequiredScope = Scope,
        AccessTokenType = "at+jwt",
        GroupsClaim = [PermissionsClaim],
        GroupMapping = Permissions,
        TenantClaim = [TenantClaim],
        StoresClaim = [StoresClaim],
        MachineToken = MachineToken,
        Groups = Groups.All,
    };

    /// <summary>The largest token request read, and the longest field name and value taken.</summary>
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 4096;

    /// <summary>Serves a request under <see cref="PathPrefix"/> with its content type and body: (status, JSON body).</summary>
    public (int Status, JsonObject Body) Handle(string method, string path, string? contentType, byte[] body)
    {
        if ((method, path) != ("POST", "/oauth/token")) return Handle(method, path, new Dictionary<string, string>());
        return ReadForm(contentType, body, out var form) is { } problem ? InvalidRequest(problem) : Handle(method, path, form);
    }

    /// <summary>Serves a request under <see cref="PathPrefix"/>, its form already read: (status, JSON body).</summary>
    public (int Status, JsonObject Body) Handle(string method, string path, IReadOnlyDictionary<string, string> form) => (method, path) switch
    {
        ("GET", "/.well-known/openid-configuration") => (200, new JsonObject
        {
            ["issuer"] = issuerUrl,
            ["jwks_uri"] = $"{issuerUrl}/.well-known/jwks.json",
            ["token_endpoint"] = TokenEndpoint,
            ["grant_types_supported"] = new JsonArray("client_credentials", "password"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }),
        ("GET", "/.well-known/jwks.json") => (200, Jwks()),
        ("POST", "/oauth/token") => Token(form),
        _ => (404, new JsonObject { ["error"] = "not_found" }),
    };

    private static (int, JsonObject) InvalidRequest(string description) =>
        (400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = description });

    /// <summary>
    /// An <c>application/x-www-form-urlencoded</c> body read strictly (RFC 6749 3.1: no parameter twice), or what is
    /// wrong with it: escapes that are not two hex digits, bytes that are not UTF-8, control or invisible characters,
    /// names or values over their limits.
    /// </summary>
    public static string? ReadForm(string? contentType, byte[] body, out Dictionary<string, string> form)
    {
        form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (contentType is null || !contentType.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return "the token request must be application/x-www-form-urlencoded";
        if (body.Length > MaxBodyBytes) return $"the token request must be at most {MaxBodyBytes} bytes";
        if (!Ascii.IsValid(body)) return "the form must be ASCII, with other characters percent-encoded";
        foreach (var pair in Encoding.ASCII.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var (rawName, rawValue) = equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
            if (Decode(rawName) is not { } name) return "a field name is not valid percent-encoded UTF-8";
            if (Decode(rawValue) is not { } value) return $"{Shown(name)} is not valid percent-encoded UTF-8";
            if (name.Length is 0 or > MaxNameLength) return $"field names must be 1 to {MaxNameLength} characters";
            if (value.Length > MaxValueLength) return $"{Shown(name)} must be at most {MaxValueLength} characters";
            foreach (var rune in $"{name}{value}".EnumerateRunes())
                if (TextRules.IsRefusedAnywhere(rune.Value)) return $"{Shown(name)} must not contain control or invisible characters (U+{rune.Value:X4})";
            if (!form.TryAdd(name, value)) return $"{Shown(name)} must be given once";
        }
        return null;
    }

    private static string Shown(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : "a field";

    /// <summary>'+' as a space, then percent-decoding with every escape two hex digits and the bytes UTF-8; null if not.</summary>
    private static string? Decode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])) return null;
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.Add(text[i] == '+' ? (byte)' ' : (byte)text[i]);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private JsonObject Jwks()
    {
        var parameters = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _keyId,
                ["n"] = Base64Url.EncodeToString(parameters.Modulus!), ["e"] = Base64Url.EncodeToString(parameters.Exponent!),
            }),
        };
    }

    private (int, JsonObject) Token(IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("client_secret") != clientSecret)
            return (401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "client_secret must be the demo password (--demo-password)." });
        var grant = form.GetValueOrDefault("grant_type");
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = issuerUrl,
            ["aud"] = new JsonArray(Audience, $"{issuerUrl}/userinfo"),
            ["iat"] = now,
            ["exp"] = now + 3600,
            ["scope"] = Scope,
            [PermissionsClaim] = new JsonArray([.. (form.GetValueOrDefault("permissions") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => (JsonNode)p)]),
        };
        switch (grant)
        {
            case "client_credentials" when form.GetValueOrDefault("client_id") is { Length: > 0 } client:
                claims["sub"] = $"{client}@clients";
                claims["azp"] = client;
                claims[MachineToken.Claim] = MachineToken.Value;
                break;
            case "password" when form.GetValueOrDefault("username") is { Length: > 0 } username:
                claims["sub"] = $"demo|{username}";
                claims["azp"] = AppClientId;
                claims["preferred_username"] = username;
                if (form.GetValueOrDefault("stores") is { Length: > 0 } stores)
                    claims[StoresClaim] = new JsonArray([.. stores.Split(',').Select(store => (JsonNode)store)]);
                break;
            default:
                return (400, new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "grant_type client_credentials (with client_id) or password (with username)." });
        }
        // As Auth0 Organizations: machine clients and people signed in to an organization alike carry it.
        if (form.GetValueOrDefault(TenantClaim) is { Length: > 0 } organization) claims[TenantClaim] = organization;
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "at+jwt", ["kid"] = _keyId };
        var signingInput = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (200, new JsonObject
        {
            ["access_token"] = $"{signingInput}.{Base64Url.EncodeToString(signature)}",
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["scope"] = Scope,
        });
    }

    public void Dispose() => _key.Dispose();
}
