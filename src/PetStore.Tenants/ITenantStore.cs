using PetStore.Contract;

namespace PetStore.Tenants;

/// <summary>The registry table as the CLI uses it.</summary>
public interface ITenantStore
{
    Task<IReadOnlyList<TenantRow>> ListAsync(CancellationToken cancellationToken = default);

    Task<TenantRow?> FindByIdentityAsync(string identityKey, CancellationToken cancellationToken = default);

    /// <summary>Writes a new row; fails with <see cref="TenantsException"/> if one with its identity exists.</summary>
    Task InsertAsync(TenantRow row, CancellationToken cancellationToken = default);

    Task UpdateAsync(string identityKey, string tier, TenantStatus status, CancellationToken cancellationToken = default);

    Task DeleteAsync(string identityKey, CancellationToken cancellationToken = default);
}
