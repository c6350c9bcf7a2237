using PetStore.Contract;

namespace PetStore.Tenants;

/// <summary>One registry item (<see cref="TenantRegistry"/>), as the CLI writes and lists it.</summary>
public sealed record TenantRow(
    string Tenant, string Issuer, string ExternalId, string ApiKeyId, string ApiKeyValue, string Tier, TenantStatus Status, bool CreatedClient)
{
    public string IdentityKey => TenantRegistry.IdentityKey(Issuer, ExternalId);
}
