namespace PetStore.Contract;

/// <summary>Who a valid access token is (<see cref="TrustedIssuer.Classify"/>).</summary>
public enum CallerKind
{
    /// <summary>A person, through one of the issuer's people clients: metered by the interactive key.</summary>
    Person,

    /// <summary>A tenant's machine client (a client-credentials token with its tenant claim): metered by its tenant's key.</summary>
    Tenant,

    /// <summary>Neither: the token is refused (401).</summary>
    Refused,
}
