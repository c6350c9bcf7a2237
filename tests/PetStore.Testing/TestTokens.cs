using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PetStore.Lambdas.Authorizer;

namespace PetStore.Testing;

/// <summary>A stand-in Cognito pool: an RSA key pair published as JWKS, and access tokens minted as Cognito mints them.</summary>
public sealed class TestTokens
{
    public const string PoolId = "eu-west-1_TestPool";
    public const string ClientId = "client123";

    private readonly RSA _rsa = RSA.Create(2048);

    public TestTokens(string poolId = PoolId, string keyId = "key-1", string name = "Users", IReadOnlyList<string>? groups = null)
    {
        KeyId = keyId;
        Pool = new TrustedPool
        {
            Name = name,
            UserPoolId = poolId,
            ClientIds = [ClientId],
            Groups = groups ?? ["customers", "employees", "owners"],
        };
    }

    public string KeyId { get; }
    public TrustedPool Pool { get; }
    public RsaSecurityKey SigningKey => new(_rsa) { KeyId = KeyId };

    public string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = KeyId });
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
    }

    public string Access(
        string sub = "sub-1", string username = "alice", IEnumerable<string>? groups = null, string tokenUse = "access",
        string clientId = ClientId, string scope = "aws.cognito.signin.user.admin petstore/api", string? issuer = null,
        DateTime? expires = null, SigningCredentials? signWith = null)
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
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Pool.Issuer,
            Claims = claims,
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

/// <summary>Serves each pool's JWKS by URI and counts fetches.</summary>
public sealed class JwksServer(params TestTokens[] pools) : HttpMessageHandler
{
    public int Fetches { get; private set; }
    public bool Down { get; set; }
    public Dictionary<string, string> Overrides { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Fetches++;
        if (Down) throw new HttpRequestException("connection refused");
        var uri = request.RequestUri!.ToString();
        var json = Overrides.GetValueOrDefault(uri) ?? pools.First(p => p.Pool.JwksUri.ToString() == uri).Jwks();
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json) });
    }
}
