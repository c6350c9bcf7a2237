using PetStore.Contract;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;
using PetStore.Testing;

namespace PetStore.Local.Tests.Differential;

/// <summary>A person of the entity world: its groups and the stores its token says it works in, and its token.</summary>
internal sealed record EntityUser(TestTokens Pool, string Sub, string Username, IReadOnlyList<string> Groups, IReadOnlyList<string> Stores, string Token)
{
    public string PrincipalId => $"{Pool.Pool.UserPoolId}|{Sub}";

    public override string ToString() => $"{Username} [{string.Join(",", Groups)}] stores [{string.Join(",", Stores)}]";
}

/// <summary>
/// The people of the entity differential runs: one pool trusted with every group, eight people with random groups and
/// random stores claims (a configured store, both, none, or one that is not configured). Built once: minting tokens
/// is the slow part.
/// </summary>
internal sealed class EntityWorld
{
    public static readonly IReadOnlyList<Store> Stores = TestPrincipals.Stores;
    public static readonly string[] StoreIds = [.. Stores.Select(s => s.Id), "closed"];
    public static readonly string[] Names = ["ann", "ben", "cat", "dan", "eva", "fox", "gus", "hal"];

    public EntityWorld(int seed)
    {
        var random = new Random(seed);
        Pool = new TestTokens("eu-west-1_People", "people-key", "People");
        People = [.. Names.Select(name =>
        {
            var groups = Contract.Groups.All.Where(_ => random.Next(3) == 0).Order(StringComparer.Ordinal).ToList();
            var stores = StoreIds.Where(_ => random.Next(2) == 0).Order(StringComparer.Ordinal).ToList();
            var token = Pool.Access(sub: $"sub-{name}", username: name, groups: groups, expires: DateTime.UtcNow.AddMinutes(59),
                stores: stores.Count == 0 && random.Next(2) == 0 ? null : string.Join(",", stores));
            return new EntityUser(Pool, $"sub-{name}", name, groups, stores, token);
        })];
    }

    public TestTokens Pool { get; }
    public IReadOnlyList<EntityUser> People { get; }

    public static readonly string[] PetTypes = ["cat", "dog"];
    public static readonly decimal[] Prices = [9.99m, 10m, 49.5m, 120m];

    /// <summary>A fresh store of pets and orders for one set: pets in random stores and states, orders of random people.</summary>
    public (InMemoryPetRepository Pets, InMemoryOrderRepository Orders) Seed(Random random)
    {
        var pets = new InMemoryPetRepository();
        var orders = new InMemoryOrderRepository(pets);
        for (var i = 0; i < 6; i++)
            pets.Put(new Pet($"0198f3a2-7b7c-7d1e-9f00-0000000001{i:D2}", PetTypes[random.Next(PetTypes.Length)], Prices[random.Next(Prices.Length)],
                Stores[random.Next(Stores.Count)].Id, PetStatuses.All[random.Next(PetStatuses.All.Count)]));
        var stock = pets.Pets.ToList();
        for (var i = 0; i < 10; i++)
        {
            var pet = stock[random.Next(stock.Count)];
            orders.Put(new Order($"0198f3a2-7b7c-7d1e-9f00-0000000002{i:D2}", pet.Id, pet.StoreId, People[random.Next(People.Count)].PrincipalId,
                random.Next(4) == 0 ? OrderStatus.Cancelled : OrderStatus.Placed, "2026-12-01T00:00:00.000Z"));
        }
        return (pets, orders);
    }
}
