using PetStore.Contract;
using PetStore.Lambdas.Admin;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;

namespace PetStore.Testing;

/// <summary>
/// Calls a route's real handler with path parameters as API Gateway delivered them and reports what it acted on: the
/// pet id the pets function read, changed or deleted, the path the admin function answered for; null when it acted on
/// nothing. On a resource route it also reports the Verified Permissions request the handler made (null if none).
/// </summary>
public static class HandlerProbe
{
    /// <summary>What the probe saw: the status, the value acted on, and the handler's own Cedar request, if it made one.</summary>
    public sealed record Outcome(int Status, string? ActedOn, IsAuthorizedRequest? Asked);

    public static async Task<(int Status, string? ActedOn)> ActedOnAsync(Route route, string verb, IReadOnlyDictionary<string, string> delivered)
    {
        var outcome = await ProbeAsync(route, verb, delivered);
        return (outcome.Status, outcome.ActedOn);
    }

    public static async Task<Outcome> ProbeAsync(Route route, string verb, IReadOnlyDictionary<string, string> delivered)
    {
        var request = new ProxyRequest
        {
            HttpMethod = verb,
            Resource = route.Path,
            Path = route.Path,
            PathParameters = delivered.ToDictionary(),
            Body = SampleBody(route),
            RequestContext = new ProxyRequestContext
            {
                RequestId = "probe",
                Authorizer = TestPrincipals.AuthorizerContext(TestPrincipals.Person("probe", [Groups.Owners])),
            },
        };
        switch (route.Backend)
        {
            case Backend.Pets:
                var pets = new RecordingPets();
                var avp = new FakeVerifiedPermissions();
                var response = await TestPrincipals.PetsApi(pets, new RecordingLog().Log, avp).HandleAsync(request);
                return new Outcome(response.StatusCode, pets.Ids.Distinct().SingleOrDefault(), avp.Requests.SingleOrDefault());
            case Backend.Orders:
                var orders = new RecordingOrders();
                var ordersAvp = new FakeVerifiedPermissions();
                var log = new RecordingLog().Log;
                var answered = await new OrdersApi(orders, new RecordingPets(), new ResourcePermissions(ordersAvp, "probe", log), TestPrincipals.Stores,
                        ListPlan.ScanAlways, log).HandleAsync(request);
                return new Outcome(answered.StatusCode, orders.Ids.Distinct().SingleOrDefault(), ordersAvp.Requests.SingleOrDefault());
            case Backend.Admin:
                var answer = await AdminApi.HandleAsync(request);
                const string prefix = "\"User authorized for /admin/";
                var body = answer.Body;
                return answer.StatusCode == 200 && body.Contains(prefix)
                    ? new Outcome(200, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()![(prefix.Length - 1)..], null)
                    : new Outcome(answer.StatusCode, null, null);
            default:
                throw new NotSupportedException($"{route}: the probe does not know what the {route.Backend} function acts on; teach it.");
        }
    }

    /// <summary>A body the route accepts, so that the handler gets as far as the resource.</summary>
    private static string? SampleBody(Route route) => route.Operation switch
    {
        RouteTable.Operations.UpdatePet => """{"status":"sold"}""",
        _ when route.Body is null => null,
        _ => throw new NotSupportedException($"{route}: give the probe a body this route accepts."),
    };

    /// <summary>An orders table that records the id each read or cancel names, and finds a placed downtown order under every id.</summary>
    private sealed class RecordingOrders : IOrderRepository
    {
        public List<string> Ids { get; } = [];
        public Task<Order?> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            Ids.Add(id);
            return Task.FromResult<Order?>(new Order(id, "0198f3a2-7b7c-7d1e-9f00-0123456789ab", TestPrincipals.Stores[0].Id, "probe", OrderStatus.Placed, "2026-12-01T00:00:00.000Z"));
        }
        public Task<OrderPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default) => Task.FromResult(new OrderPage([], null));
        public Task<OrderPage> ListOwnedAsync(string owner, int limit, string? startAfterId, CancellationToken cancellationToken = default) => Task.FromResult(new OrderPage([], null));
        public Task<PlaceOutcome> TryPlaceAsync(Order order, Pet pet, CancellationToken cancellationToken = default) => Task.FromResult(PlaceOutcome.Placed);
        public Task<CancelOutcome> TryCancelAsync(Order order, Pet? pet, CancellationToken cancellationToken = default) { Ids.Add(order.Id); return Task.FromResult(CancelOutcome.Cancelled); }
    }

    /// <summary>A pets table that records the id each read, change or delete names, and finds a downtown pet under every id.</summary>
    private sealed class RecordingPets : IPetRepository
    {
        public List<string> Ids { get; } = [];
        public Task<bool> TryCreateAsync(Pet pet, CancellationToken cancellationToken = default) => Task.FromResult(true);
        public Task<Pet?> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            Ids.Add(id);
            return Task.FromResult<Pet?>(new Pet(id, "dog", 10m, TestPrincipals.Stores[0].Id, "available"));
        }
        public Task<PetPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default) => Task.FromResult(new PetPage([], null));
        public Task<bool> TryReplaceAsync(Pet current, Pet changed, CancellationToken cancellationToken = default) { Ids.Add(current.Id); return Task.FromResult(true); }
        public Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default) { Ids.Add(id); return Task.FromResult(false); }
    }
}
