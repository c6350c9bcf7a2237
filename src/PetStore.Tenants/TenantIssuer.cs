using PetStore.Configuration;
using PetStore.Contract;

namespace PetStore.Tenants;

/// <summary>An issuer as onboarding sees it: its name, kind, and the claim that carries its tenants' ids (none: no tenants).</summary>
public sealed record TenantIssuer(string Name, IssuerKind Kind, IReadOnlyList<string> TenantClaim)
{
    /// <summary>The environment's pools and OIDC providers, as the Api stack trusts them.</summary>
    public static IReadOnlyList<TenantIssuer> FromConfig(DeploymentConfig config) =>
    [
        .. config.UserPools.Select(p => new TenantIssuer(p.Name, IssuerKind.Cognito, p.Tenants is null ? [] : [CognitoClaims.ClientId])),
        .. config.OidcProviders.Select(p => new TenantIssuer(p.Name, IssuerKind.Oidc, p.TenantClaim)),
    ];

    public static TenantIssuer From(TrustedIssuer issuer) => new(issuer.Name, issuer.Kind, issuer.TenantClaim);
}
