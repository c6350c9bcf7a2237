using PetStore.Lambdas.Pets;

namespace PetStore.Testing;

/// <summary>An in-memory <see cref="IPetRepository"/> with the same contract as DynamoDB's: no overwrites, pages by id.</summary>
public sealed class InMemoryPetRepository : IPetRepository
{
    private readonly SortedDictionary<string, Pet> _pets = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Pet> Pets => _pets.Values;
    public int CreateAttempts { get; private set; }

    /// <summary>False: every new pet is accepted and none is kept, so that a create benchmark does not grow a store.</summary>
    public bool KeepsCreatedPets { get; init; } = true;

    public Task<bool> TryCreateAsync(Pet pet, CancellationToken cancellationToken = default)
    {
        CreateAttempts++;
        return Task.FromResult(!KeepsCreatedPets || _pets.TryAdd(pet.Id, pet));
    }

    public Task<Pet?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_pets.GetValueOrDefault(id));

    public Task<PetPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default)
    {
        var remaining = _pets.Values.Where(p => startAfterId is null || string.CompareOrdinal(p.Id, startAfterId) > 0).ToList();
        var page = remaining.Take(limit).ToList();
        return Task.FromResult(new PetPage(page, remaining.Count > limit ? page[^1].Id : null));
    }

    public Task<bool> TryReplaceAsync(Pet current, Pet changed, CancellationToken cancellationToken = default)
    {
        if (!_pets.TryGetValue(current.Id, out var stored) || stored != current) return Task.FromResult(false);
        _pets[current.Id] = changed with { Version = current.Version + 1 };
        return Task.FromResult(true);
    }

    /// <summary>Puts a pet as it is stored, whatever its version (a pet written before versions has 0).</summary>
    public void Put(Pet pet) => _pets[pet.Id] = pet;

    public Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_pets.Remove(id));
}
