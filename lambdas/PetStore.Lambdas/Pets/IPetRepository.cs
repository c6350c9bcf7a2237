namespace PetStore.Lambdas.Pets;

/// <summary>Where pets live. Writes never replace an existing pet.</summary>
public interface IPetRepository
{
    /// <summary>Stores a new pet; false when a pet with that id already exists (nothing is written then).</summary>
    Task<bool> TryCreateAsync(Pet pet, CancellationToken cancellationToken = default);

    Task<Pet?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> pets after the pet with id <paramref name="startAfterId"/>.</summary>
    Task<PetPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces <paramref name="current"/> (as read, with its version) by <paramref name="changed"/>, one version on; false
    /// when the pet was changed or deleted since it was read (nothing is written then).
    /// </summary>
    Task<bool> TryReplaceAsync(Pet current, Pet changed, CancellationToken cancellationToken = default);

    /// <summary>Deletes the pet with that id; false when there is none (nothing is deleted then).</summary>
    Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default);
}
