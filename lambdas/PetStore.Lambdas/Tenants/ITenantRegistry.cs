namespace PetStore.Lambdas.Tenants;

/// <summary>The registry as the authorizer reads it: one item by its key (<see cref="PetStore.Contract.TenantRegistry.IdentityKey"/>).</summary>
public interface ITenantRegistry
{
    /// <summary>The entry, or null when no tenant has this identity.</summary>
    /// <exception cref="Aws.AwsServiceException">The registry answered with an error.</exception>
    /// <exception cref="HttpRequestException">The registry could not be reached.</exception>
    Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default);
}
