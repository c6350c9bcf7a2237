using PetStore.Contract;

namespace PetStore.Configuration;

/// <summary>
/// An OpenID Connect provider whose access tokens the API accepts (cdk.json <c>oidcProviders[]</c>): Auth0, Entra ID,
/// Okta, Keycloak or any other that signs RS256 JWT access tokens. Each key is the <see cref="TrustedIssuer"/> key of
/// the same name, which says what it means.
/// </summary>
public sealed record OidcProviderConfig
{
    /// <summary>A PascalCase name: the Cedar principal's <c>provider</c> and the first part of tenant registry keys.</summary>
    public required string Name { get; init; }

    public required string Issuer { get; init; }

    /// <summary>The key set's URL; null: OpenID Connect discovery at run time.</summary>
    public string? JwksUri { get; init; }

    public required IReadOnlyList<string> Audiences { get; init; }

    public IReadOnlyList<string> ClientIds { get; init; } = [];

    /// <summary>Required, and null only on purpose: the scope every token must carry.</summary>
    public required string? RequiredScope { get; init; }

    public string? AccessTokenType { get; init; }

    public IReadOnlyDictionary<string, string> RequiredClaims { get; init; } = new Dictionary<string, string>();

    public required IReadOnlyList<string> GroupsClaim { get; init; }

    public IReadOnlyDictionary<string, string> GroupMapping { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> TenantClaim { get; init; } = [];

    public IReadOnlyList<string> StoresClaim { get; init; } = [];

    /// <summary>Required (the configuration says so, naming the key): how the provider's machine tokens are told from people's.</summary>
    public MachineTokenRule? MachineToken { get; init; }

    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>The contract the authorizer reads.</summary>
    public TrustedIssuer ToTrustedIssuer() => new()
    {
        Name = Name,
        Kind = IssuerKind.Oidc,
        Issuer = Issuer,
        JwksUri = JwksUri,
        Audiences = Audiences,
        ClientIds = ClientIds,
        RequiredScope = RequiredScope,
        AccessTokenType = AccessTokenType,
        RequiredClaims = RequiredClaims,
        GroupsClaim = GroupsClaim,
        GroupMapping = GroupMapping,
        TenantClaim = TenantClaim,
        StoresClaim = StoresClaim,
        MachineToken = MachineToken,
        Groups = Groups,
    };
}
