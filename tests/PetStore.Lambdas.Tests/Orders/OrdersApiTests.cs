using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Orders;

/// <summary>The orders routes: each decision asked of Verified Permissions on the pet or order as stored, and done as decided.</summary>
public class OrdersApiTests
{
    private static readonly CallerPrincipal Alice = TestPrincipals.Person("alice", [Groups.Customers]);
    private static readonly CallerPrincipal Bob = TestPrincipals.Person("bob", [Groups.Customers]);

    private readonly InMemoryPetRepository _pets = new();
    private readonly InMemoryOrderRepository _orders;
    private readonly FakeVerifiedPermissions _avp = new();
    private readonly RecordingLog _log = new();

    // As the policies in cedar/ have it: customers are shown only their own orders (the owner index).
    private ListPlan _plan = new(false, [Groups.Employees, Groups.Owners]);

    public OrdersApiTests() => _orders = new InMemoryOrderRepository(_pets);

    private Task<ProxyResponse> SendAsync(ProxyRequest request)
    {
        var decisions = new ResourcePermissions(_avp, "ps", _log.Log);
        return new OrdersApi(_orders, _pets, decisions, TestPrincipals.Stores, _plan, _log.Log).HandleAsync(request);
    }

    private Pet StoredPet(string status = "available", string store = "downtown")
    {
        var pet = new Pet(Guid.CreateVersion7().ToString("D"), "dog", 10m, store, status);
        _pets.Put(pet);
        return pet;
    }

    private static ProxyRequest Place(string petId, CallerPrincipal caller) => ProxyRequests.For("POST", "/orders", $$"""{"petId":"{{petId}}"}""", caller: caller);

    private static ProxyRequest On(string method, string orderId, CallerPrincipal caller) =>
        ProxyRequests.For(method, "/orders/{orderId}", pathParameters: new() { ["orderId"] = orderId }, caller: caller);

    [Fact]
    public async Task An_order_is_decided_on_the_pet_and_placed_for_the_caller_with_the_pet_pending()
    {
        var pet = StoredPet();

        var response = await SendAsync(Place(pet.Id, Alice));

        Assert.Equal(201, response.StatusCode);
        var order = response.Json().GetProperty("order");
        Assert.Equal((pet.Id, "downtown", Alice.Id, "placed"),
            (order.GetProperty("petId").GetString(), order.GetProperty("storeId").GetString(), order.GetProperty("owner").GetString(), order.GetProperty("status").GetString()));
        var asked = Assert.Single(_avp.Requests);
        Assert.Equal(("post /orders", CedarAction.PetType, pet.Id), (asked.Action.ActionId, asked.Resource.EntityType, asked.Resource.EntityId));
        Assert.Equal("available", asked.Entities.EntityList.Single(e => e.Identifier == asked.Resource).Attributes["status"].String);
        Assert.Equal("pending", _pets.Pets.Single().Status);
    }

    [Fact]
    public async Task A_page_token_from_the_other_order_is_400_not_a_page_that_skips()
    {
        var id = Guid.CreateVersion7().ToString("D");
        _orders.Put(new Order(id, "0198f3a2-7b7c-7d1e-9f00-0123456789ab", "downtown", Alice.Id, "placed", "2026-12-01T00:00:00.000Z"));

        // Alice is shown her own orders (the owner index); a table-order token is from before the policies changed that.
        var stale = await SendAsync(ProxyRequests.For("GET", "/orders", query: new() { ["nextToken"] = ListQuery.EncodePageToken(id) }, caller: Alice));
        _plan = ListPlan.ScanAlways;
        var staleOwned = await SendAsync(ProxyRequests.For("GET", "/orders", query: new() { ["nextToken"] = ListQuery.EncodePageToken(id, PageOrder.Owner) }, caller: Alice));

        Assert.Equal((400, 400), (stale.StatusCode, staleOwned.StatusCode));
        Assert.Contains("first page", stale.Json().GetProperty("message").GetString());
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task Paging_ones_own_orders_one_at_a_time_decides_each_order_once()
    {
        for (var i = 0; i < 29; i++)
            _orders.Put(new Order(Guid.CreateVersion7().ToString("D"), "0198f3a2-7b7c-7d1e-9f00-0123456789ab", "downtown", Alice.Id, "placed", "2026-12-01T00:00:00.000Z"));

        var (pages, token) = (0, (string?)null);
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = "1" };
            if (token is not null) query["nextToken"] = token;
            var page = (await SendAsync(ProxyRequests.For("GET", "/orders", query: query, caller: Alice))).Json();
            token = page.GetProperty("nextToken").GetString();
            pages++;
        } while (token is not null);

        Assert.InRange(pages, 29, 30);
        Assert.Equal(29, _avp.Requests.Count + _avp.Batches.Sum(b => b.Requests.Count));
    }

    [Fact]
    public async Task A_list_decides_a_full_batch_in_one_batch_call_and_the_rest_one_by_one()
    {
        var extra = 5;
        for (var i = 0; i < BatchIsAuthorizedRequest.MaxRequests + extra; i++)
            _orders.Put(new Order(Guid.CreateVersion7().ToString("D"), "0198f3a2-7b7c-7d1e-9f00-0123456789ab", "downtown", Alice.Id, "placed", "2026-12-01T00:00:00.000Z"));

        _plan = ListPlan.ScanAlways;
        var response = await SendAsync(ProxyRequests.For("GET", "/orders", query: new() { ["limit"] = $"{ListQuery.MaxLimit}" }, caller: Alice));

        Assert.Equal(BatchIsAuthorizedRequest.MaxRequests + extra, response.Json().GetProperty("orders").GetArrayLength());
        Assert.Equal(BatchIsAuthorizedRequest.MaxRequests, Assert.Single(_avp.Batches).Requests.Count);
        Assert.Equal(extra, _avp.Requests.Count);
        Assert.Equal(_orders.Orders.Select(o => o.Id).Order(),
            _avp.Batches[0].Requests.Select(r => r.Resource.EntityId).Concat(_avp.Requests.Select(r => r.Resource.EntityId)).Order());
    }

    [Fact]
    public async Task Ordering_a_pet_that_is_not_available_is_409_and_unknown_is_404_and_nothing_is_written()
    {
        var pending = StoredPet("pending");
        var sold = StoredPet("sold");

        Assert.Equal(409, (await SendAsync(Place(pending.Id, Alice))).StatusCode);
        Assert.Equal(409, (await SendAsync(Place(sold.Id, Alice))).StatusCode);
        Assert.Equal(404, (await SendAsync(Place("0198f3a2-7b7c-7d1e-9f00-0123456789ab", Alice))).StatusCode);
        Assert.Empty(_orders.Orders);
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task A_refused_order_is_403_and_nothing_is_written()
    {
        var pet = StoredPet();
        _avp.Decision = IsAuthorizedResponse.Deny;

        Assert.Equal(403, (await SendAsync(Place(pet.Id, Alice))).StatusCode);
        Assert.Empty(_orders.Orders);
        Assert.Equal("available", _pets.Pets.Single().Status);
    }

    [Theory]
    [InlineData("""{}""", "petId is required")]
    [InlineData("""{"petId":"0198F3A2-7B7C-7D1E-9F00-0123456789AB"}""", "petId must be an id")]
    [InlineData("""{"petId":7}""", "petId must be a string")]
    [InlineData("""{"petId":"0198f3a2-7b7c-7d1e-9f00-0123456789ab","quantity":2}""", "Unknown field(s): quantity")]
    public async Task A_malformed_order_is_400_and_nothing_is_asked(string body, string expected)
    {
        var response = await SendAsync(ProxyRequests.For("POST", "/orders", body, caller: Alice));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(expected, response.Message());
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task An_order_the_caller_may_not_read_or_cancel_is_answered_as_one_that_does_not_exist()
    {
        var placed = await SendAsync(Place(StoredPet().Id, Alice));
        var id = placed.Json().GetProperty("order").GetProperty("id").GetString()!;
        _avp.Decide = r => r.Principal.EntityId == Alice.Id ? IsAuthorizedResponse.Allow : IsAuthorizedResponse.Deny;

        var hidden = await SendAsync(On("GET", id, Bob));
        var missing = await SendAsync(On("GET", "0198f3a2-7b7c-7d1e-9f00-0123456789ab", Bob));
        var cancel = await SendAsync(On("DELETE", id, Bob));

        Assert.Equal((404, 404, 404), (hidden.StatusCode, missing.StatusCode, cancel.StatusCode));
        Assert.Equal(hidden.Message().Replace(id, "X"), missing.Message().Replace("0198f3a2-7b7c-7d1e-9f00-0123456789ab", "X"));
        Assert.Equal("placed", _orders.Orders.Single().Status);
        Assert.Equal(200, (await SendAsync(On("GET", id, Alice))).StatusCode);
    }

    [Fact]
    public async Task Cancelling_makes_the_pet_available_once_and_a_second_cancel_changes_nothing()
    {
        var pet = StoredPet();
        var id = (await SendAsync(Place(pet.Id, Alice))).Json().GetProperty("order").GetProperty("id").GetString()!;

        Assert.Equal(204, (await SendAsync(On("DELETE", id, Alice))).StatusCode);
        var afterFirst = _pets.Pets.Single();
        Assert.Equal(204, (await SendAsync(On("DELETE", id, Alice))).StatusCode);

        Assert.Equal("available", afterFirst.Status);
        Assert.Equal(afterFirst, _pets.Pets.Single());
        Assert.Equal("cancelled", _orders.Orders.Single().Status);
        Assert.Equal(200, (await SendAsync(On("GET", id, Alice))).StatusCode);
    }

    [Fact]
    public async Task Cancelling_an_order_whose_pet_another_order_now_holds_leaves_the_pet_to_that_order()
    {
        var pet = StoredPet();
        var alices = (await SendAsync(Place(pet.Id, Alice))).Json().GetProperty("order").GetProperty("id").GetString()!;
        // Staff release the pet (Alice's order stays placed), and Bob orders it.
        var released = TestPrincipals.PetsApi(_pets, _log.Log, _avp).HandleAsync(ProxyRequests.For("PATCH", "/pets/{petId}", """{"status":"available"}""",
            pathParameters: new() { ["petId"] = pet.Id }, caller: TestPrincipals.Person("olivia", [Groups.Owners])));
        Assert.Equal(200, (await released).StatusCode);
        Assert.Equal(201, (await SendAsync(Place(pet.Id, Bob))).StatusCode);

        Assert.Equal(204, (await SendAsync(On("DELETE", alices, Alice))).StatusCode);

        // Bob's order still holds the pet: nobody else may order it.
        Assert.Equal("pending", _pets.Pets.Single().Status);
        Assert.Equal(409, (await SendAsync(Place(pet.Id, TestPrincipals.Person("carol", [Groups.Customers])))).StatusCode);
        Assert.Single(_orders.Orders, o => o.Status == OrderStatus.Placed);
    }

    [Fact]
    public async Task An_order_placed_by_a_write_whose_answer_was_lost_is_201_not_409()
    {
        var pet = StoredPet();
        // The transaction committed, but its answer was lost and the retry found its own order there.
        _orders.CommitsThenReportsPetChanged = true;

        var response = await SendAsync(Place(pet.Id, Alice));

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(_orders.Orders.Single().Id, response.Json().GetProperty("order").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Verified_Permissions_unavailable_is_a_503_and_nothing_is_written()
    {
        var pet = StoredPet();
        _avp.Failure = new PetStore.Aws.AwsServiceException("ThrottlingException", "slow down", System.Net.HttpStatusCode.BadRequest);

        var response = await SendAsync(Place(pet.Id, Alice));

        Assert.Equal(503, response.StatusCode);
        Assert.Empty(_orders.Orders);
    }

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    /// <summary>
    /// Any table, any caller, any page size: the pages together are exactly the orders the policies let the caller read,
    /// in the table's order, each page at most its size, each request bounded in what it examines and asks.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Pages_show_exactly_the_readable_orders_none_twice_and_each_request_is_bounded(int seed)
    {
        var random = new Random(seed);
        string[] owners = ["pool|a", "pool|b", "pool|c"];
        var count = random.Next(0, 300);
        for (var i = 0; i < count; i++)
            _orders.Put(new Order(Guid.CreateVersion7().ToString("D"), "0198f3a2-7b7c-7d1e-9f00-0123456789ab",
                TestPrincipals.Stores[random.Next(2)].Id, owners[random.Next(owners.Length)], random.Next(4) == 0 ? "cancelled" : "placed", "2026-12-01T00:00:00.000Z"));
        // A stand-in for the policies, with the list plan they would give: readable if owned by the caller, or (half
        // the time) also if in its store, which no owner index can find.
        var caller = new CallerPrincipal(owners[random.Next(owners.Length)], "u", "Users", "person", [Groups.Customers], random.Next(2) == 0 ? ["uptown"] : []);
        var storesToo = random.Next(2) == 0;
        _plan = storesToo ? new ListPlan(false, [Groups.Customers]) : new ListPlan(false, [Groups.Employees]);
        bool Readable(Order o) => o.Owner == caller.Id || (storesToo && caller.Stores.Contains(o.StoreId));
        var byId = _orders.Orders.ToDictionary(o => o.Id);
        _avp.Decide = r => Readable(byId[r.Resource.EntityId]) ? IsAuthorizedResponse.Allow : IsAuthorizedResponse.Deny;
        var limit = random.Next(1, ListQuery.MaxLimit + 1);

        var shown = new List<Order>();
        string? token = null;
        var requests = 0;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = limit.ToString() };
            if (token is not null) query["nextToken"] = token;
            var (lists, batches, singles) = (_orders.Lists + _orders.OwnedLists, _avp.Batches.Count, _avp.Requests.Count);
            var response = await SendAsync(ProxyRequests.For("GET", "/orders", query: query, caller: caller));
            Assert.Equal(200, response.StatusCode);
            var page = response.Json().GetProperty("orders").EnumerateArray().Select(o => byId[o.GetProperty("id").GetString()!]).ToList();
            Assert.InRange(page.Count, 0, limit);
            Assert.InRange(_orders.Lists + _orders.OwnedLists - lists, 0, OrdersApi.MaxExaminedPerPage / BatchIsAuthorizedRequest.MaxRequests);
            // Full batches only (a batch is billed as 30 decisions), each order decided once, no more than the bound.
            Assert.All(_avp.Batches.Skip(batches), b => Assert.Equal(BatchIsAuthorizedRequest.MaxRequests, b.Requests.Count));
            var decided = _avp.Batches.Skip(batches).SelectMany(b => b.Requests.Select(r => r.Resource.EntityId))
                .Concat(_avp.Requests.Skip(singles).Select(r => r.Resource.EntityId)).ToList();
            Assert.InRange(decided.Count, page.Count, OrdersApi.MaxExaminedPerPage);
            Assert.Equal(decided.Count, decided.Distinct().Count());
            shown.AddRange(page);
            token = response.Json().GetProperty("nextToken").GetString();
            Assert.True(++requests <= count / 30 + count / Math.Max(limit, 1) + 3, "the pages do not end");
        } while (token is not null);

        Assert.Equal(_orders.Orders.Where(Readable).Select(o => o.Id), shown.Select(o => o.Id));
        // Where it looked is the plan's: the owner index when only its own are readable, never the whole table.
        Assert.Equal(0, storesToo ? _orders.OwnedLists : _orders.Lists);
    }
}
