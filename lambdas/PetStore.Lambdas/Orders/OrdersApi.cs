using PetStore.Aws;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Logging;
using PetStore.Lambdas.Pets;

namespace PetStore.Lambdas.Orders;

/// <summary>
/// The orders routes. Every decision is the policies', on the pet or order as stored: who may order which pet, read
/// or cancel which order, and which orders a list shows. An order the caller may not read is answered as one that does
/// not exist (404), so nobody learns whether it does.
/// </summary>
/// <param name="listPlan">Where a list looks for the caller's orders, as the policies allow (only narrows where; every order shown is decided).</param>
public sealed class OrdersApi(IOrderRepository orders, IPetRepository pets, ResourcePermissions permissions, IReadOnlyList<Store> stores,
    ListPlan listPlan, JsonLog log, Func<string> newId, TimeProvider clock)
{
    /// <summary>Orders examined (read and decided on) per list request at most: a page may come back short, never unbounded.</summary>
    public const int MaxExaminedPerPage = MaxReadsPerPage * BatchIsAuthorizedRequest.MaxRequests;

    /// <summary>Reads of the table or index per list request at most.</summary>
    public const int MaxReadsPerPage = 4;

    public OrdersApi(IOrderRepository orders, IPetRepository pets, ResourcePermissions permissions, IReadOnlyList<Store> stores, ListPlan listPlan, JsonLog log)
        : this(orders, pets, permissions, stores, listPlan, log, () => Guid.CreateVersion7().ToString("D"), TimeProvider.System) { }

    public Task<ProxyResponse> HandleAsync(ProxyRequest request) => RoutedRequest.DispatchDataAsync(request, routed => routed.Route.Operation switch
    {
        RouteTable.Operations.PlaceOrder => PlaceAsync(routed),
        RouteTable.Operations.ListOrders => ListAsync(routed),
        RouteTable.Operations.GetOrder => GetAsync(routed),
        RouteTable.Operations.CancelOrder => CancelAsync(routed),
        _ => Task.FromResult(ApiResult.NotFound($"No route for {request.HttpMethod} {request.Resource}.")),
    }, log, "orders table", "Orders or pets table unavailable", operation => operation switch
    {
        RouteTable.Operations.PlaceOrder => "The order may have been placed: list your orders before you retry.",
        RouteTable.Operations.CancelOrder => "Retry the request: cancelling an order twice changes nothing.",
        _ => null,
    });

    private async Task<ProxyResponse> PlaceAsync(RoutedRequest routed)
    {
        var petId = OrderRequests.ParseNewOrder(routed.Request);
        if (!petId.IsValid) return ApiResult.BadRequest(petId.Error!);
        if (await pets.GetAsync(petId.Value!) is not { } pet) return ApiResult.NotFound($"Pet {petId.Value} not found.");
        if (NotAvailable(pet) is { } conflict) return conflict;
        if (await permissions.DecideAsync(routed, OrderEntities.Placing(pet, stores)) != ResourceDecision.Allow)
            return ApiResult.Message(403, $"You may not order pet {pet.Id}.");

        var owner = CallerPrincipal.FromContext(routed.Request.RequestContext.Authorizer)!.Id;
        var order = new Order(newId(), pet.Id, pet.StoreId, owner, OrderStatus.Placed, clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        if (await orders.TryPlaceAsync(order, pet) == PlaceOutcome.PetChanged
            // A retried write whose first attempt committed finds its own order: the id is this request's alone.
            && await orders.GetAsync(order.Id) is null)
        {
            // Another request changed the pet after it was read (most likely ordered it): say what it is now.
            var now = await pets.GetAsync(pet.Id);
            return now is null ? ApiResult.NotFound($"Pet {pet.Id} not found.")
                : NotAvailable(now) ?? ApiResult.Message(409, $"Pet {pet.Id} changed while it was being ordered; retry.");
        }
        log.Info("Order placed", ("orderId", order.Id), ("petId", pet.Id), ("storeId", order.StoreId));
        return ApiResult.Json(201, new OrderBody(order), LambdaJson.Default.OrderBody);
    }

    private static ProxyResponse? NotAvailable(Pet pet) => pet.Status == PetStatuses.Spell(PetStatus.Available)
        ? null
        : ApiResult.Message(409, $"Pet {pet.Id} is not available: it is {pet.Status}.");

    /// <summary>
    /// The next orders the caller may read: from the owner index when the policies show the caller only its own
    /// (<see cref="ListPlan"/>), else from the whole table; read <see cref="BatchIsAuthorizedRequest.MaxRequests"/> at a
    /// time and decided, until the page is full or <see cref="MaxExaminedPerPage"/> were examined. The token is the last
    /// order examined (or included, when the page filled first), so no page skips an order another would show, and
    /// none shows one the policies refuse.
    /// </summary>
    private async Task<ProxyResponse> ListAsync(RoutedRequest routed)
    {
        var query = ListQuery.Parse(routed.Request);
        if (!query.IsValid) return ApiResult.BadRequest(query.Error!);
        if (CallerPrincipal.FromContext(routed.Request.RequestContext.Authorizer) is not { } caller) return ApiResult.Message(403, "No caller to decide for.");
        var (limit, position, tokenOrder) = query.Value;
        var order = listPlan.Scans(caller.Groups) ? PageOrder.Table : PageOrder.Owner;
        // A position in one order means nothing in the other: the policies changed where this caller's orders are found.
        if (position is not null && tokenOrder != order)
            return ApiResult.BadRequest("nextToken is from before the policies changed which orders you may see: list again from the first page.");
        var page = new List<Order>();
        var (examined, reads) = (0, 0);
        var end = false;
        while (!end && page.Count < limit && examined < MaxExaminedPerPage && reads++ < MaxReadsPerPage)
        {
            // The owner index holds mostly readable orders: read what the page still needs, not a batch it would pay to decide.
            var count = Math.Min(BatchIsAuthorizedRequest.MaxRequests, MaxExaminedPerPage - examined);
            if (order == PageOrder.Owner) count = Math.Min(count, limit - page.Count);
            var batch = order == PageOrder.Owner ? await orders.ListOwnedAsync(caller.Id, count, position) : await orders.ListAsync(count, position);
            end = batch.LastId is null || batch.Orders.Count == 0;
            if (batch.Orders.Count == 0) break;
            var readable = await permissions.DecideEachAsync(routed, [.. batch.Orders.Select(o => OrderEntities.Order(o, stores))]);
            if (readable is null) return ApiResult.Message(403, "No caller to decide for.");
            for (var i = 0; i < batch.Orders.Count && page.Count < limit; i++)
            {
                examined++;
                position = batch.Orders[i].Id;
                if (readable[i]) page.Add(batch.Orders[i]);
                // The page filled before the batch ended: the rest of it is the next page's.
                if (page.Count == limit && i < batch.Orders.Count - 1) end = false;
            }
        }
        var next = end ? null : ListQuery.EncodePageToken(position!, order);
        log.Info("Orders listed", ("from", order == PageOrder.Owner ? OrdersTableAccess.OwnerIndex : "table"), ("shown", page.Count), ("examined", examined), ("more", next is not null));
        return ApiResult.Json(200, new OrderListBody(page, next), LambdaJson.Default.OrderListBody);
    }

    private async Task<ProxyResponse> GetAsync(RoutedRequest routed)
    {
        var order = await ReadableAsync(routed);
        return order is null ? NotFound(routed) : ApiResult.Json(200, order, LambdaJson.Default.Order);
    }

    /// <summary>
    /// Cancels a placed order and makes its pet available again (if it is still pending) in one transaction; an order
    /// already cancelled is answered the same, with nothing changed.
    /// </summary>
    private async Task<ProxyResponse> CancelAsync(RoutedRequest routed)
    {
        if (await ReadableAsync(routed) is not { } order) return NotFound(routed);
        if (order.Status == OrderStatus.Cancelled) return ApiResult.NoContent();
        var pet = await pets.GetAsync(order.PetId);
        // Only the order that holds the pet releases it: staff may have released it since, and another order taken it.
        var pending = pet is not null && pet.Status == PetStatuses.Spell(PetStatus.Pending) && pet.HeldBy == order.Id ? pet : null;
        if (await orders.TryCancelAsync(order, pending) == CancelOutcome.Changed)
        {
            // A racing cancel did it: the same answer, and the pet changed once.
            return (await orders.GetAsync(order.Id))?.Status == OrderStatus.Cancelled
                ? ApiResult.NoContent()
                : ApiResult.Message(409, $"Order {order.Id} or its pet changed while it was being cancelled; retry.");
        }
        log.Info("Order cancelled", ("orderId", order.Id), ("petId", order.PetId), ("petAvailableAgain", pending is not null));
        return ApiResult.NoContent();
    }

    /// <summary>The order of the route's <c>orderId</c>, if it exists and the policies let the caller act on it.</summary>
    private async Task<Order?> ReadableAsync(RoutedRequest routed)
    {
        var order = await orders.GetAsync(routed.Parameter("orderId"));
        return order is not null && await permissions.DecideAsync(routed, OrderEntities.Order(order, stores)) == ResourceDecision.Allow ? order : null;
    }

    private static ProxyResponse NotFound(RoutedRequest routed) => ApiResult.NotFound($"Order {routed.Parameter("orderId")} not found.");
}
