using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Who a valid access token says the caller is: the issuer, the subject, the API groups that issuer may grant, and,
/// for a machine client, the tenant id its token carries (the registry decides what that tenant may do), and the stores
/// its identity provider says a person works in.
/// </summary>
public sealed record VerifiedIdentity(TrustedIssuer Issuer, string Subject, string Username, IReadOnlyList<string> Groups, string? TenantId = null,
    IReadOnlyList<string>? Stores = null)
{
    /// <summary>Store ids, sorted; none for a machine client.</summary>
    public IReadOnlyList<string> StoreIds => Stores ?? [];

    /// <summary><c>&lt;userPoolId&gt;|&lt;sub&gt;</c> for Cognito (as Verified Permissions' Cognito integration names users), else <c>&lt;provider&gt;|&lt;sub&gt;</c>.</summary>
    public string PrincipalId => $"{Issuer.PrincipalPrefix}|{Subject}";

    /// <summary>A person, or a tenant's machine client: the Cedar principal's <c>kind</c>.</summary>
    public CallerKind Kind => TenantId is null ? CallerKind.Person : CallerKind.Tenant;

    /// <summary>The registry key of this machine client's tenant, or null for a person.</summary>
    public string? TenantKey => TenantId is null ? null : TenantRegistry.IdentityKey(Issuer.Name, TenantId);
}
