namespace PetStore.Tenants;

/// <summary>Where a tenant's machine client comes from: a Cognito pool (the CLI makes the client) or an OIDC provider's tenant id.</summary>
public sealed record TenantSource(string Issuer, string? ExternalId);
