using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PetStore.Contract;

namespace PetStore.Testing;

/// <summary>
/// A stand-in identity provider: an RSA key pair published as JWKS, and access tokens minted with Microsoft.IdentityModel,
/// as Cognito mints them (<see cref="Access"/>) or with any claims an OIDC provider writes (<see cref="Mint"/>).
/// </summary>
public sealed class TestTokens
{
    public const string PoolId = "eu-west-1_TestPool";
    public const string ClientId = "client123";

    private readonly RSA _rsa = RSA.Create(2048);

    public TestTokens(string poolId = PoolId, string keyId = "key-1", string name = "Users", IReadOnlyList<string>? groups = null, bool tenants = false)
        : this(keyId, TrustedIssuer.Cognito(name, $"https://cognito-idp.eu-west-1.amazonaws.com/{poolId}", poolId, ClientId,
            groups ?? ["customers", "employees", "owners"], tenants))
    {
    }

    /// <summary>A provider described by <paramref name="issuer"/> (an OIDC provider's shape), signing with a key of its own.</summary>
    public TestTokens(string keyId, TrustedIssuer issuer)
    {
        KeyId = keyId;
        Pool = issuer;
    }

    public string KeyId { get; }

    /// <summary>How the authorizer trusts this provider.</summary>
    public TrustedIssuer Pool { get; }

    public RsaSecurityKey SigningKey => new(_rsa) { KeyId = KeyId };

    public string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = KeyId });
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
    }

    public string Access(
        string sub = "sub-1", string username = "alice", IEnumerable<string>? groups = null, string tokenUse = "access",
        string clientId = ClientId, string scope = "aws.cognito.signin.user.admin petstore/api", string? issuer = null,
        DateTime? expires = null, SigningCredentials? signWith = null, object? stores = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = sub,
            ["username"] = username,
            ["token_use"] = tokenUse,
            ["client_id"] = clientId,
            ["scope"] = scope,
        };
        if (groups?.ToArray() is { Length: > 0 } list) claims["cognito:groups"] = list;
        if (stores is not null) claims["custom:stores"] = stores;
        return Mint(claims, issuer: issuer, expires: expires, signWith: signWith);
    }

    /// <summary>
    /// A client-credentials access token as Cognito documents it: its <c>sub</c> is its <c>client_id</c>, with no
    /// <c>username</c> and no groups.
    /// </summary>
    public string Machine(string clientId, string scope = ApiScope.FullName, string? issuer = null) => Mint(new Dictionary<string, object>
    {
        ["sub"] = clientId,
        ["token_use"] = "access",
        ["client_id"] = clientId,
        ["scope"] = scope,
        ["version"] = 2,
    }, issuer: issuer);

    /// <summary>
    /// A token with exactly these claims besides <c>iss</c>, <c>iat</c>, <c>nbf</c> and <c>exp</c> (an array value is a
    /// JSON array, a dictionary a nested object), and the header's <c>typ</c> if given (<c>at+jwt</c>).
    /// </summary>
    public string Mint(IDictionary<string, object> claims, string? typ = null, string? issuer = null, DateTime? expires = null, SigningCredentials? signWith = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Pool.Issuer,
            Claims = claims,
            TokenType = typ,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-1),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = signWith ?? new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public string Unsigned(IEnumerable<string>? groups = null)
    {
        var signed = Access(groups: groups);
        var header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        return $"{header}.{signed.Split('.')[1]}.";
    }

    /// <summary>A valid token with one character of its payload changed.</summary>
    public string Tampered(IEnumerable<string>? groups = null, string? issuer = null)
    {
        var parts = Access(groups: groups ?? ["customers"], issuer: issuer).Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("customers", "owners");
        return $"{parts[0]}.{Base64Url(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

/// <summary>Serves each provider's JWKS (and, for one without a JWKS URL, its discovery document) by URI and counts fetches.</summary>
public sealed class JwksServer(params TestTokens[] pools) : HttpMessageHandler
{
    public int Fetches { get; private set; }
    public bool Down { get; set; }
    public Dictionary<string, string> Overrides { get; } = [];

    /// <summary>Where a provider configured for discovery publishes its keys.</summary>
    public static string DiscoveredJwksUri(TrustedIssuer issuer) => $"{issuer.Issuer.TrimEnd('/')}/discovered/jwks.json";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Fetches++;
        if (Down) throw new HttpRequestException("connection refused");
        var uri = request.RequestUri!.ToString();
        var discovered = pools.FirstOrDefault(p => p.Pool.KeySetUri is null && p.Pool.DiscoveryUri.ToString() == uri);
        var json = Overrides.GetValueOrDefault(uri)
            ?? pools.FirstOrDefault(p => p.Pool.KeySetUri?.ToString() == uri || (p.Pool.KeySetUri is null && DiscoveredJwksUri(p.Pool) == uri))?.Jwks()
            ?? (discovered is null ? null
                : JsonSerializer.Serialize(new Dictionary<string, string> { ["issuer"] = discovered.Pool.Issuer, ["jwks_uri"] = DiscoveredJwksUri(discovered.Pool) }));
        return Task.FromResult(json is null
            ? new HttpResponseMessage(System.Net.HttpStatusCode.NotFound)
            : new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json) });
    }
}
