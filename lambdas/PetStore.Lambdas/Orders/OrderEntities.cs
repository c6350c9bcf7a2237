using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Pets;

namespace PetStore.Lambdas.Orders;

/// <summary>Orders as Cedar entities (cedar/schema declares them): what a policy on an orders route sees.</summary>
public static class OrderEntities
{
    /// <summary>An order, in its store (also its <c>store</c> attribute), with the store; its owner and pet are references.</summary>
    public static DecisionResource Order(Order order, IReadOnlyList<Store> stores) => new(
        new EntityItem(new EntityIdentifier(CedarAction.OrderType, order.Id), new Dictionary<string, AttributeValue>
        {
            [ResourceEntities.OrderOwner] = AttributeValue.Of(new EntityIdentifier(CedarAction.UserType, order.Owner)),
            [ResourceEntities.OrderStoreAttribute] = AttributeValue.Of(PetEntities.StoreId(order.StoreId)),
            [ResourceEntities.OrderPet] = AttributeValue.Of(new EntityIdentifier(CedarAction.PetType, order.PetId)),
            [ResourceEntities.OrderStatus] = AttributeValue.Of(order.Status),
        }, [PetEntities.StoreId(order.StoreId)]),
        [PetEntities.Store(order.StoreId, stores)]);

    /// <summary>Placing an order is decided on the pet as stored, with the body as given.</summary>
    public static DecisionResource Placing(Pet pet, IReadOnlyList<Store> stores) =>
        PetEntities.Pet(pet, stores, new Dictionary<string, AttributeValue> { ["petId"] = AttributeValue.Of(pet.Id) });
}
