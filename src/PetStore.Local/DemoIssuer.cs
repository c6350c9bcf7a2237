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
/// <item><c>grant_type=password&amp;username=&lt;any&gt;</c>: a person, through the demo app client;</item>
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
        MachineToken = MachineToken,
        Groups = Groups.All,
    };

    /// <summary>Serves a request under <see cref="PathPrefix"/>: (status, JSON body).</summary>
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
