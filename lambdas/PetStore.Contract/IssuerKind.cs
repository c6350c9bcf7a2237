namespace PetStore.Contract;

/// <summary>Where a trusted issuer's tokens come from, which decides the defaults of its checks.</summary>
public enum IssuerKind
{
    /// <summary>A Cognito user pool of the Identity stack: <c>token_use</c>, <c>client_id</c>, <c>cognito:groups</c>.</summary>
    Cognito,

    /// <summary>Any other OpenID Connect provider (Auth0, Entra ID, Okta, Keycloak, …), described claim by claim.</summary>
    Oidc,
}
