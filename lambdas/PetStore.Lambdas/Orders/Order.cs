using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Orders;

/// <summary>
/// An order of one pet, in the pet's store, by its <paramref name="Owner"/> (the principal id of who placed it, the
/// Cedar <c>PetStore::User</c>): <c>placed</c>, then perhaps <c>cancelled</c>. <paramref name="CreatedAt"/> is UTC, ISO 8601.
/// </summary>
public sealed record Order(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("petId")] string PetId,
    [property: JsonPropertyName("storeId")] string StoreId,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("createdAt")] string CreatedAt);

public sealed record OrderPage(IReadOnlyList<Order> Orders, string? LastId);

public sealed record OrderBody([property: JsonPropertyName("order")] Order Order);

public sealed record OrderListBody(
    [property: JsonPropertyName("orders")] IReadOnlyList<Order> Orders,
    [property: JsonPropertyName("nextToken")] string? NextToken);
