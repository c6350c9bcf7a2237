using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Orders;

namespace PetStore.Benchmarks.Cost;

/// <summary>
/// What one request of a route makes its function do that is billed per call: DynamoDB read and write units (on
/// demand), and Verified Permissions calls of its own (a resource route's decision; a list's batches).
/// </summary>
public sealed record RouteUsage(double ReadUnits, double WriteUnits, double AvpCalls, double AvpBatchCalls)
{
    public static readonly RouteUsage None = new(0, 0, 0, 0);

    /// <summary>
    /// As the repositories call DynamoDB: GetItem strongly consistent (1 unit per 4 KB), Scan eventually consistent
    /// (half a unit per 4 KB of items read, per call), PutItem/UpdateItem/DeleteItem 1 unit per KB, and a
    /// TransactWriteItems 2 units per KB of each item it writes. A route without its own line here is priced as one
    /// strongly consistent read and, on a resource route, one decision, so a new route never blocks the check.
    /// </summary>
    /// <param name="group">The caller's group, and <paramref name="role"/> how it uses the API.</param>
    /// <param name="listPlan">Where a list looks, as the policies have it: the caller's own orders (the owner index),
    /// or the table, scanned until a page fills with what the caller may read.</param>
    public static RouteUsage For(Route route, TrafficModel model, string group, Role role, ListPlan listPlan)
    {
        double Get(int bytes) => Math.Ceiling(bytes / 4096.0);
        double Write(int bytes) => Math.Ceiling(bytes / 1024.0);
        double Scan(int items, int bytes) => 0.5 * Math.Ceiling(items * bytes / 4096.0);
        var pet = model.PetItemBytes;
        var order = model.OrderItemBytes;
        var transaction = 2 * (Write(order) + Write(pet));
        var decision = route.Access == Access.Resource ? 1 : 0;
        return route.Operation switch
        {
            RouteTable.Operations.Login or RouteTable.Operations.AnswerMfa or RouteTable.Operations.SignUp
                or RouteTable.Operations.Welcome or RouteTable.Operations.Admin => None,
            RouteTable.Operations.ListPets => new(Scan(ListQuery.DefaultLimit, pet), 0, 0, 0),
            RouteTable.Operations.GetPet => new(Get(pet), 0, 0, 0),
            RouteTable.Operations.CreatePet => new(0, Write(pet), decision, 0),
            // Read, decided on the pet as read, written back only as read.
            RouteTable.Operations.UpdatePet => new(Get(pet), Write(pet), decision, 0),
            RouteTable.Operations.DeletePet => new(0, Write(pet), decision, 0),
            // The pet read and decided on; the order written and the pet made pending in one transaction.
            RouteTable.Operations.PlaceOrder => new(Get(pet), transaction, decision, 0),
            RouteTable.Operations.GetOrder => new(Get(order), 0, decision, 0),
            // The order read and decided on, its pet read; both written in one transaction.
            RouteTable.Operations.CancelOrder => new(Get(order) + Get(pet), transaction, decision, 0),
            RouteTable.Operations.ListOrders => listPlan.Scans([group]) ? ScannedOrders(model, role.ReadableOrderShare) : OwnOrders(model, role),
            _ => new(1, 0, decision, 0),
        };
    }

    /// <summary>One query of the owner index for the caller's own orders, each decided in a call of its own (fewer than a batch).</summary>
    private static RouteUsage OwnOrders(TrafficModel model, Role role)
    {
        var own = Math.Min(role.OwnOrders, ListQuery.DefaultLimit);
        return new(0.5 * Math.Max(1, Math.Ceiling(own * model.OrderItemBytes / 4096.0)), 0,
            own < BatchIsAuthorizedRequest.MaxRequests ? own : 0, own < BatchIsAuthorizedRequest.MaxRequests ? 0 : 1);
    }

    /// <summary>A page of the default size: scans of a batch each, every batch decided in one call, until the page fills or the examined bound is hit.</summary>
    private static RouteUsage ScannedOrders(TrafficModel model, double readableShare)
    {
        var examined = readableShare <= 0 ? OrdersApi.MaxExaminedPerPage
            : Math.Min(OrdersApi.MaxExaminedPerPage, (int)Math.Ceiling(ListQuery.DefaultLimit / readableShare));
        var batches = (int)Math.Ceiling(examined / (double)BatchIsAuthorizedRequest.MaxRequests);
        return new(batches * 0.5 * Math.Ceiling(BatchIsAuthorizedRequest.MaxRequests * model.OrderItemBytes / 4096.0), 0, 0, batches);
    }
}
