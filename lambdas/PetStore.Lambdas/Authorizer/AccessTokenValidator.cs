using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>Who a valid access token says the caller is: the trusted pool, the user, and the groups that pool may grant.</summary>
public sealed record VerifiedIdentity(TrustedPool Pool, string Subject, string Username, IReadOnlyList<string> Groups)
{
    /// <summary>As Verified Permissions' Cognito integration names users: <c>&lt;userPoolId&gt;|&lt;sub&gt;</c>.</summary>
    public string PrincipalId => $"{Pool.UserPoolId}|{Subject}";
}

/// <summary>Why a token was refused; logged, never returned to the caller (who gets a plain 401).</summary>
public sealed class TokenRejectedException(string reason) : Exception(reason);

/// <summary>
/// Validates a Cognito access token from any trusted pool the way the Cognito authorizer does, and more strictly:
/// RS256 signature by the pool's published key, issuer, expiry (no clock skew), <c>token_use</c> = access, an app
/// client of that pool, and the API scope.
/// </summary>
public sealed class AccessTokenValidator(IReadOnlyList<TrustedPool> pools, JwksCache keys)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <exception cref="TokenRejectedException">The token is not acceptable; the message says why.</exception>
    /// <exception cref="HttpRequestException">The pool's keys could not be fetched.</exception>
    public async Task<VerifiedIdentity> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            throw new TokenRejectedException("not a JWT");
        }

        var pool = pools.FirstOrDefault(p => p.Issuer == unverified.Issuer)
            ?? throw new TokenRejectedException($"issuer '{unverified.Issuer}' is not a trusted pool");

        var signingKeys = await keys.KeysAsync(pool, unverified.Kid, cancellationToken);
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = pool.Issuer,
            ValidateIssuer = true,
            ValidateAudience = false, // access tokens carry client_id, checked below
            IssuerSigningKeys = signingKeys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,
        });
        if (!result.IsValid) throw new TokenRejectedException(result.Exception?.GetType().Name ?? "invalid token");

        var jwt = (JsonWebToken)result.SecurityToken;
        if (Claim(jwt, "token_use") != "access") throw new TokenRejectedException("not an access token");
        if (Claim(jwt, "client_id") is not { } client || !pool.ClientIds.Contains(client))
            throw new TokenRejectedException("issued to an app client that is not trusted");
        if (!(Claim(jwt, "scope") ?? "").Split(' ').Contains(ApiScope.FullName))
            throw new TokenRejectedException($"missing the {ApiScope.FullName} scope");
        var subject = Claim(jwt, "sub") ?? throw new TokenRejectedException("no sub claim");

        var groups = jwt.Claims.Where(c => c.Type == "cognito:groups").Select(c => c.Value)
            .Where(pool.Groups.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        return new VerifiedIdentity(pool, subject, Claim(jwt, "username") ?? subject, groups);
    }

    private static string? Claim(JsonWebToken jwt, string type) =>
        jwt.TryGetPayloadValue<string>(type, out var value) ? value : null;
}
