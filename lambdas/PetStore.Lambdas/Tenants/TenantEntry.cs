using PetStore.Contract;

namespace PetStore.Lambdas.Tenants;

/// <summary>What the registry says about one machine-client identity: the tenant, its API key value, tier and status.</summary>
public sealed record TenantEntry(string Tenant, string ApiKeyValue, string Tier, TenantStatus Status);
