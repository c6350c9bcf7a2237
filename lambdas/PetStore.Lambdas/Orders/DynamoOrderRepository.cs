using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using PetStore.Aws;
using PetStore.Aws.Dynamo;
using PetStore.Contract;
using PetStore.Lambdas.Pets;

namespace PetStore.Lambdas.Orders;

/// <summary>
/// Orders in their own table keyed by <c>id</c>, over DynamoDB's JSON protocol (as the pets). Placing and cancelling
/// are one TransactWriteItems over the order and its pet, conditional on the order's state and on the pet's version
/// as read, so the pet the decision saw is the pet that changes, and 50 orders racing for one pet place exactly one.
/// </summary>
public sealed class DynamoOrderRepository(AwsJsonClient dynamo, string ordersTable, string petsTable) : IOrderRepository
{
    public async Task<Order?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("GetItem", new GetItemRequest(ordersTable, Key(id), ConsistentRead: true),
            DynamoJson.Default.GetItemRequest, DynamoJson.Default.GetItemResponse, cancellationToken);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<OrderPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("Scan", new ScanRequest(ordersTable, limit, startAfterId is null ? null : Key(startAfterId)),
            DynamoJson.Default.ScanRequest, DynamoJson.Default.ScanResponse, cancellationToken);
        var orders = (response.Items ?? []).Select(FromItem).ToList();
        return new OrderPage(orders, response.LastEvaluatedKey is { Count: > 0 } last ? last[OrdersTableAccess.KeyAttribute].S : null);
    }

    public async Task<OrderPage> ListOwnedAsync(string owner, int limit, string? startAfterId, CancellationToken cancellationToken = default)
    {
        var ownerValue = new AttributeValue(S: owner);
        var response = await CallAsync("Query", new QueryRequest(ordersTable, OrdersTableAccess.OwnerIndex, "#owner = :owner",
                new() { ["#owner"] = OrdersTableAccess.OwnerAttribute }, new() { [":owner"] = ownerValue }, limit,
                startAfterId is null ? null : new(Key(startAfterId)) { [OrdersTableAccess.OwnerAttribute] = ownerValue }),
            DynamoJson.Default.QueryRequest, DynamoJson.Default.ScanResponse, cancellationToken);
        var orders = (response.Items ?? []).Select(FromItem).ToList();
        return new OrderPage(orders, response.LastEvaluatedKey is { Count: > 0 } last ? last[OrdersTableAccess.KeyAttribute].S : null);
    }

    public async Task<PlaceOutcome> TryPlaceAsync(Order order, Pet pet, CancellationToken cancellationToken = default) =>
        await TransactAsync(
        [
            new(Put: new TransactPut(ordersTable, ToItem(order), "attribute_not_exists(#id)", new() { ["#id"] = OrdersTableAccess.KeyAttribute })),
            new(Update: PetStatus(pet, PetStatuses.Spell(Contract.PetStatus.Pending), heldBy: order.Id)),
        ], cancellationToken) ? PlaceOutcome.Placed : PlaceOutcome.PetChanged;

    public async Task<CancelOutcome> TryCancelAsync(Order order, Pet? pet, CancellationToken cancellationToken = default) =>
        await TransactAsync(
        [
            new(Update: new TransactUpdate(ordersTable, Key(order.Id), "SET #status = :cancelled", "#status = :placed",
                new() { ["#status"] = "status" },
                new() { [":cancelled"] = new AttributeValue(S: OrderStatus.Cancelled), [":placed"] = new AttributeValue(S: OrderStatus.Placed) })),
            .. pet is null ? [] : new[] { new TransactWriteItem(Update: PetStatus(pet, PetStatuses.Spell(Contract.PetStatus.Available))) },
        ], cancellationToken) ? CancelOutcome.Cancelled : CancelOutcome.Changed;

    /// <summary>
    /// The pet's new status, one version on, if it is still as read (its store written too, for a pet from before
    /// stores), held by the order given or by none.
    /// </summary>
    private TransactUpdate PetStatus(Pet pet, string status, string? heldBy = null)
    {
        var (condition, names, values) = DynamoPetRepository.IsAsRead(pet);
        values = new(values)
        {
            [":status"] = new AttributeValue(S: status),
            [":store"] = new AttributeValue(S: pet.StoreId),
            [":next"] = new AttributeValue(N: (pet.Version + 1).ToString(CultureInfo.InvariantCulture)),
        };
        if (heldBy is not null) values[":held"] = new AttributeValue(S: heldBy);
        return new TransactUpdate(petsTable, DynamoPetRepository.Key(pet.Id),
            $"SET #status = :status, storeId = :store, #v = :next{(heldBy is null ? $" REMOVE {DynamoPetRepository.HeldByAttribute}" : $", {DynamoPetRepository.HeldByAttribute} = :held")}",
            condition, names, values);
    }

    private async Task<bool> TransactAsync(IReadOnlyList<TransactWriteItem> actions, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("TransactWriteItems", new TransactWriteItemsRequest(actions),
                DynamoJson.Default.TransactWriteItemsRequest, DynamoJson.Default.DynamoEmptyResponse, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorType == "TransactionCanceledException")
        {
            // A condition failed (the order or the pet changed), or another transaction held an item: nothing was written.
            return false;
        }
    }

    /// <summary>Creates the table and waits until it is active: for local mode and tests (in AWS the Data stack owns it).</summary>
    public static Task CreateTableAsync(AwsJsonClient dynamo, string tableName, CancellationToken cancellationToken = default) =>
        DynamoDb.CreateTableAsync(dynamo, tableName, OrdersTableAccess.KeyAttribute, cancellationToken, (OrdersTableAccess.OwnerIndex, OrdersTableAccess.OwnerAttribute));

    private Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        DynamoDb.CallAsync(dynamo, operation, request, requestType, responseType, cancellationToken);

    private static Dictionary<string, AttributeValue> Key(string id) => new() { [OrdersTableAccess.KeyAttribute] = new AttributeValue(S: id) };

    internal static Dictionary<string, AttributeValue> ToItem(Order order) => new()
    {
        [OrdersTableAccess.KeyAttribute] = new AttributeValue(S: order.Id),
        ["petId"] = new AttributeValue(S: order.PetId),
        ["storeId"] = new AttributeValue(S: order.StoreId),
        [OrdersTableAccess.OwnerAttribute] = new AttributeValue(S: order.Owner),
        ["status"] = new AttributeValue(S: order.Status),
        ["createdAt"] = new AttributeValue(S: order.CreatedAt),
    };

    internal static Order FromItem(Dictionary<string, AttributeValue> item) => new(
        item[OrdersTableAccess.KeyAttribute].S!, item["petId"].S!, item["storeId"].S!, item[OrdersTableAccess.OwnerAttribute].S!, item["status"].S!, item["createdAt"].S!);
}
