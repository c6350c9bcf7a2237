namespace PetStore.Contract;

/// <summary>
/// What <see cref="TrustedIssuer.Classify"/> made of a verified token: a person, a tenant's machine client with the tenant
/// id its token carries, or neither, with the reason it is refused.
/// </summary>
public sealed record Caller(CallerKind Kind, string? TenantId = null, string? Refusal = null)
{
    public static readonly Caller Person = new(CallerKind.Person);

    public static Caller Tenant(string tenantId) => new(CallerKind.Tenant, tenantId);

    public static Caller Refused(string why) => new(CallerKind.Refused, Refusal: why);
}
