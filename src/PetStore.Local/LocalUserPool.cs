using System.Text.Json;

namespace PetStore.Local;

/// <summary>The local user pool as the functions and the authorizer need to know it.</summary>
public sealed record LocalUserPool(string Name, string UserPoolId, string ClientId, string Issuer, Uri JwksUri)
{
    /// <summary>
    /// <c>TRUSTED_USER_POOLS</c> as the Api stack writes it (the authorizer and the users function read it): each pool
    /// with its app client, the groups it may grant, its issuer and key set.
    /// </summary>
    public static string TrustedPoolsJson(IEnumerable<(LocalUserPool Pool, IReadOnlyList<string> Groups)> pools) =>
        JsonSerializer.Serialize(pools.Select(p => new
        {
            name = p.Pool.Name,
            userPoolId = p.Pool.UserPoolId,
            clientIds = new[] { p.Pool.ClientId },
            groups = p.Groups,
            issuer = p.Pool.Issuer,
            jwksUri = p.Pool.JwksUri.ToString(),
        }));
}
