using PetStore.Configuration;
using PetStore.Contract;

namespace PetStore.Local;

/// <summary>The local user pool as the functions and the authorizer need to know it.</summary>
public sealed record LocalUserPool(string Name, string UserPoolId, string ClientId, string Issuer, Uri JwksUri)
{
    /// <summary>As the Identity stack's pool describes itself (PetStoreUserPool.ToTrustedIssuer), at cognito-local.</summary>
    public TrustedIssuer ToTrustedIssuer(UserPoolConfig config) => ToTrustedIssuer(config.Groups, config.Tenants is not null);

    public TrustedIssuer ToTrustedIssuer(IReadOnlyList<string> groups, bool tenants = false) =>
        TrustedIssuer.Cognito(Name, Issuer, UserPoolId, ClientId, groups, tenants, JwksUri.ToString());
}
