using PetStore.Contract;
using PetStore.Lambdas.Authorizer;

namespace PetStore.Lambdas.Pets;

/// <summary>
/// Stores and pets as Cedar entities (cedar/schema declares them), and the pets routes' bodies as <c>context.body</c>:
/// what a policy on a pets resource route sees. The decision tests build their entities with this too.
/// </summary>
public static class PetEntities
{
    public static EntityIdentifier StoreId(string storeId) => new(CedarAction.StoreType, storeId);

    /// <summary>A store with its name; a store no longer configured keeps its pets and is named by its id.</summary>
    public static EntityItem Store(string storeId, IReadOnlyList<Store> stores) => new(
        StoreId(storeId),
        new Dictionary<string, AttributeValue>
        {
            [ResourceEntities.StoreName] = AttributeValue.Of(stores.FirstOrDefault(s => s.Id == storeId)?.Name ?? storeId),
        },
        []);

    /// <summary>A pet, in its store (also its <c>store</c> attribute), with the store.</summary>
    public static DecisionResource Pet(Pet pet, IReadOnlyList<Store> stores, IReadOnlyDictionary<string, AttributeValue>? body = null) => new(
        new EntityItem(new EntityIdentifier(CedarAction.PetType, pet.Id), new Dictionary<string, AttributeValue>
        {
            [ResourceEntities.PetStoreAttribute] = AttributeValue.Of(StoreId(pet.StoreId)),
            [ResourceEntities.PetStatus] = AttributeValue.Of(pet.Status),
            [ResourceEntities.PetPrice] = AttributeValue.Of(pet.Price),
            [ResourceEntities.PetType] = AttributeValue.Of(pet.Type),
        }, [StoreId(pet.StoreId)]),
        [Store(pet.StoreId, stores)],
        body);

    /// <summary>Adding a pet is decided on the store it goes to, with the new pet's fields as given.</summary>
    public static DecisionResource NewPetIn(NewPet pet, IReadOnlyList<Store> stores) => new(
        Store(pet.StoreId, stores),
        [],
        Body(("type", AttributeValue.Of(pet.Type)), ("price", AttributeValue.Of(pet.Price)), ("storeId", AttributeValue.Of(pet.StoreId)),
            ("status", pet.Status is null ? null : AttributeValue.Of(pet.Status))));

    /// <summary>A change is decided on the pet as it is, with the fields given.</summary>
    public static DecisionResource Change(Pet pet, PetChange change, IReadOnlyList<Store> stores) => Pet(pet, stores,
        Body(("price", change.Price is { } price ? AttributeValue.Of(price) : null), ("status", change.Status is null ? null : AttributeValue.Of(change.Status))));

    private static IReadOnlyDictionary<string, AttributeValue> Body(params (string Name, AttributeValue? Value)[] fields) =>
        fields.Where(f => f.Value is not null).ToDictionary(f => f.Name, f => f.Value!);
}
