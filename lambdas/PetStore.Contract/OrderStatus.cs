namespace PetStore.Contract;

/// <summary>An order's state, as the API and the policies spell it: <c>placed</c>, then perhaps <c>cancelled</c> (it stays readable).</summary>
public static class OrderStatus
{
    public const string Placed = "placed";
    public const string Cancelled = "cancelled";
}
