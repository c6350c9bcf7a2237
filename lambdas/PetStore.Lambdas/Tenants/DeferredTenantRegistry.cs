namespace PetStore.Lambdas.Tenants;

/// <summary>
/// A registry made on first use: a cold start whose first request is a person's (most are) does not pay for the
/// signed DynamoDB client it never calls.
/// </summary>
public sealed class DeferredTenantRegistry(Func<ITenantRegistry> create) : ITenantRegistry
{
    private readonly Lazy<ITenantRegistry> _registry = new(create);

    public Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default) =>
        _registry.Value.FindAsync(identityKey, cancellationToken);
}
