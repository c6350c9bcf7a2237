using PetStore.Lambdas.Pets;

namespace PetStore.Lambdas.Orders;

/// <summary>What placing an order did: placed, or nothing because the pet was not the one decided on (changed, gone).</summary>
public enum PlaceOutcome
{
    Placed,
    PetChanged,
}

/// <summary>What cancelling did: cancelled, or nothing because the order or its pet changed meanwhile.</summary>
public enum CancelOutcome
{
    Cancelled,
    Changed,
}

/// <summary>Where orders live. Placing and cancelling change the order and its pet together, or neither.</summary>
public interface IOrderRepository
{
    Task<Order?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> orders after the order with id <paramref name="startAfterId"/>, in the table's order.</summary>
    Task<OrderPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> of <paramref name="owner"/>'s orders after the one with id <paramref name="startAfterId"/>, by id (the owner index).</summary>
    Task<OrderPage> ListOwnedAsync(string owner, int limit, string? startAfterId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="order"/> (a new id) and marks <paramref name="pet"/> pending, if the pet is still the
    /// version read (so still available); otherwise writes nothing.
    /// </summary>
    Task<PlaceOutcome> TryPlaceAsync(Order order, Pet pet, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a placed order cancelled and, when <paramref name="pet"/> is given (the pending pet as read), makes it
    /// available again, if both are as read; otherwise writes nothing.
    /// </summary>
    Task<CancelOutcome> TryCancelAsync(Order order, Pet? pet, CancellationToken cancellationToken = default);
}
