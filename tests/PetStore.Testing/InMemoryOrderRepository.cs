using PetStore.Contract;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;

namespace PetStore.Testing;

/// <summary>
/// An in-memory <see cref="IOrderRepository"/> with DynamoDB's contract: pages by id, and an order and its pet change
/// together (under one lock) only if both are as read.
/// </summary>
public sealed class InMemoryOrderRepository(InMemoryPetRepository pets) : IOrderRepository
{
    private readonly SortedDictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyList<Order> Orders
    {
        get { lock (_gate) return [.. _orders.Values]; }
    }

    public int Lists { get; private set; }

    public void Put(Order order)
    {
        lock (_gate) _orders[order.Id] = order;
    }

    public Task<Order?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_orders.GetValueOrDefault(id));
    }

    public Task<OrderPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Lists++;
            var remaining = _orders.Values.Where(o => startAfterId is null || string.CompareOrdinal(o.Id, startAfterId) > 0).ToList();
            var page = remaining.Take(limit).ToList();
            return Task.FromResult(new OrderPage(page, remaining.Count > limit ? page[^1].Id : null));
        }
    }

    public int OwnedLists { get; private set; }

    /// <summary>As a transaction whose answer was lost and whose retry failed its condition: placed, reported as not.</summary>
    public bool CommitsThenReportsPetChanged { get; set; }

    public Task<OrderPage> ListOwnedAsync(string owner, int limit, string? startAfterId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            OwnedLists++;
            var remaining = _orders.Values.Where(o => o.Owner == owner && (startAfterId is null || string.CompareOrdinal(o.Id, startAfterId) > 0)).ToList();
            var page = remaining.Take(limit).ToList();
            return Task.FromResult(new OrderPage(page, remaining.Count > limit ? page[^1].Id : null));
        }
    }

    public Task<PlaceOutcome> TryPlaceAsync(Order order, Pet pet, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_orders.ContainsKey(order.Id) || !pets.TryReplaceAsync(pet, pet with { Status = PetStatuses.Spell(PetStatus.Pending), HeldBy = order.Id }).Result)
                return Task.FromResult(PlaceOutcome.PetChanged);
            _orders[order.Id] = order;
            return Task.FromResult(CommitsThenReportsPetChanged ? PlaceOutcome.PetChanged : PlaceOutcome.Placed);
        }
    }

    public Task<CancelOutcome> TryCancelAsync(Order order, Pet? pet, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_orders.GetValueOrDefault(order.Id)?.Status != OrderStatus.Placed) return Task.FromResult(CancelOutcome.Changed);
            if (pet is not null && pets.Pets.SingleOrDefault(p => p.Id == pet.Id) != pet) return Task.FromResult(CancelOutcome.Changed);
            if (pet is not null) pets.TryReplaceAsync(pet, pet with { Status = PetStatuses.Spell(PetStatus.Available), HeldBy = null }).Wait(cancellationToken);
            _orders[order.Id] = order with { Status = OrderStatus.Cancelled };
            return Task.FromResult(CancelOutcome.Cancelled);
        }
    }
}
