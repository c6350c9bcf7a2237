using System.Net;
using PetStore.Aws;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Pets;

/// <summary>
/// The pets resource routes ask Verified Permissions about the resource itself — the store a new pet goes to, the pet as
/// stored — with the caller the authorizer left, and do only what the answer allows.
/// </summary>
public class ResourceDecisionTests
{
    private const string PetId = "0198f3a2-7b7c-7d1e-9f00-0123456789ab";
    private static readonly CallerPrincipal Employee = TestPrincipals.Person("erin", [Groups.Employees], "downtown");

    private readonly InMemoryPetRepository _pets = new();
    private readonly FakeVerifiedPermissions _avp = new();
    private readonly RecordingLog _log = new();

    private Task<ProxyResponse> SendAsync(ProxyRequest request) => TestPrincipals.PetsApi(_pets, _log.Log, _avp).HandleAsync(request);

    private static ProxyRequest Patch(string body, CallerPrincipal? caller = null) =>
        ProxyRequests.For("PATCH", "/pets/{petId}", body, new() { ["petId"] = PetId }, caller: caller ?? Employee);

    private static ProxyRequest Post(string body, CallerPrincipal? caller = null) =>
        ProxyRequests.For("POST", "/pets", body, caller: caller ?? Employee);

    private Pet Stored(string store = "downtown", string status = "available")
    {
        var pet = new Pet(PetId, "dog", 10m, store, status);
        _pets.Put(pet);
        return pet;
    }

    [Fact]
    public async Task A_change_is_decided_on_the_pet_as_stored_with_its_store_and_the_fields_given()
    {
        Stored(store: "uptown", status: "pending");

        var response = await SendAsync(Patch("""{"price":12.5}"""));

        Assert.Equal(200, response.StatusCode);
        var asked = Assert.Single(_avp.Requests);
        Assert.Equal(new EntityIdentifier(CedarAction.UserType, Employee.Id), asked.Principal);
        Assert.Equal("patch /pets/{petId}", asked.Action.ActionId);
        Assert.Equal(new EntityIdentifier(CedarAction.PetType, PetId), asked.Resource);
        var pet = asked.Entities.EntityList.Single(e => e.Identifier == asked.Resource);
        Assert.Equal(new EntityIdentifier(CedarAction.StoreType, "uptown"), pet.Attributes["store"].EntityIdentifier);
        Assert.Equal(("pending", "10.0", "dog"), (pet.Attributes["status"].String, pet.Attributes["price"].Decimal, pet.Attributes["type"].String));
        Assert.Equal([new EntityIdentifier(CedarAction.StoreType, "uptown")], pet.Parents);
        var store = asked.Entities.EntityList.Single(e => e.Identifier.EntityType == CedarAction.StoreType);
        Assert.Equal("Uptown", store.Attributes["name"].String);
        var user = asked.Entities.EntityList.Single(e => e.Identifier == asked.Principal);
        Assert.Equal(["downtown"], user.Attributes["stores"].Set!.Select(s => s.EntityIdentifier!.EntityId));
        Assert.Equal([Groups.Employees], user.Parents.Select(p => p.EntityId));
        // Only the fields given: a policy tells a price change from a status change.
        var body = asked.Context.ContextMap[CedarAction.BodyAttribute].Record!;
        Assert.Equal(["price"], body.Keys);
        Assert.Equal("12.5", body["price"].Decimal);
        Assert.Equal(12.5m, _pets.Pets.Single().Price);
    }

    [Fact]
    public async Task A_denied_change_is_403_and_changes_nothing()
    {
        var pet = Stored();
        _avp.Decision = IsAuthorizedResponse.Deny;

        var response = await SendAsync(Patch("""{"status":"sold"}"""));

        Assert.Equal(403, response.StatusCode);
        Assert.Contains(PetId, response.Message());
        Assert.Equal(pet, _pets.Pets.Single());
    }

    [Fact]
    public async Task A_pet_changed_while_the_decision_was_made_is_409_and_the_later_change_is_not_written()
    {
        var pet = Stored();
        var racing = new RacingPets(_pets, () => _pets.Put(pet with { Price = 99m, Version = 2 }));

        var response = await TestPrincipals.PetsApi(racing, _log.Log, _avp).HandleAsync(Patch("""{"status":"sold"}"""));

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(("available", 99m), (_pets.Pets.Single().Status, _pets.Pets.Single().Price));
    }

    [Fact]
    public async Task An_unknown_pet_is_404_and_nothing_is_asked()
    {
        var response = await SendAsync(Patch("""{"price":1}"""));

        Assert.Equal(404, response.StatusCode);
        Assert.Empty(_avp.Requests);
    }

    [Theory]
    [InlineData("""{}""", "at least one of price, status")]
    [InlineData("""{"status":"lost"}""", "status must be one of available, pending, sold")]
    [InlineData("""{"status":null}""", "status may be left out, but not null")]
    [InlineData("""{"price":null,"status":"sold"}""", "price may be left out, but not null")]
    [InlineData("""{"price":1.234}""", "at most 2 decimal places")]
    [InlineData("""{"price":1,"storeId":"uptown"}""", "Unknown field(s): storeId")]
    public async Task A_bad_change_is_400_and_nothing_is_asked(string body, string expected)
    {
        Stored();

        var response = await SendAsync(Patch(body));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(expected, response.Message());
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task A_new_pet_is_decided_on_the_store_it_goes_to_with_its_fields()
    {
        var response = await SendAsync(Post("""{"type":"cat","price":3,"storeId":"uptown"}"""));

        Assert.Equal(201, response.StatusCode);
        var asked = Assert.Single(_avp.Requests);
        Assert.Equal(new EntityIdentifier(CedarAction.StoreType, "uptown"), asked.Resource);
        Assert.Equal("Uptown", asked.Entities.EntityList.Single(e => e.Identifier == asked.Resource).Attributes["name"].String);
        var body = asked.Context.ContextMap[CedarAction.BodyAttribute].Record!;
        Assert.Equal(("cat", "3.0", "uptown"), (body["type"].String, body["price"].Decimal, body["storeId"].String));
        Assert.False(body.ContainsKey("status"));
        var pet = _pets.Pets.Single();
        Assert.Equal(("uptown", "available"), (pet.StoreId, pet.Status));
    }

    [Fact]
    public async Task A_denied_new_pet_is_403_and_nothing_is_written()
    {
        _avp.Decision = IsAuthorizedResponse.Deny;

        var response = await SendAsync(Post("""{"type":"cat","price":3,"storeId":"uptown"}"""));

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(_pets.Pets);
    }

    [Theory]
    [InlineData("""{"type":"cat","price":3}""", "storeId is required")]
    [InlineData("""{"type":"cat","price":3,"storeId":"midtown"}""", "storeId must be one of downtown, uptown")]
    [InlineData("""{"type":"cat","price":3,"storeId":"Downtown"}""", "storeId must be one of downtown, uptown")]
    [InlineData("""{"type":"cat","price":3,"storeId":"downtown","status":"Sold"}""", "status must be one of available, pending, sold")]
    public async Task A_new_pet_in_no_configured_store_is_400_and_nothing_is_asked(string body, string expected)
    {
        var response = await SendAsync(Post(body));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(expected, response.Message());
        Assert.Empty(_avp.Requests);
        Assert.Empty(_pets.Pets);
    }

    [Fact]
    public async Task Without_a_principal_from_the_authorizer_nothing_is_decided_and_nothing_is_written()
    {
        var request = Post("""{"type":"cat","price":3,"storeId":"uptown"}""") with { RequestContext = new ProxyRequestContext { RequestId = "r" } };

        var response = await SendAsync(request);

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(_avp.Requests);
        Assert.Empty(_pets.Pets);
        Assert.Contains(_log.Lines, l => l.Contains("\"level\":\"ERROR\"") && l.Contains("No principal"));
    }

    [Fact]
    public async Task Verified_Permissions_unavailable_is_a_503_that_says_retry_and_nothing_is_written()
    {
        _avp.Failure = new AwsServiceException("ThrottlingException", "slow down", HttpStatusCode.BadRequest);

        var response = await SendAsync(Post("""{"type":"cat","price":3,"storeId":"uptown"}"""));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("1", response.Headers["Retry-After"]);
        Assert.Contains("retry", response.Message());
        Assert.Empty(_pets.Pets);
    }

    /// <summary>Pets whose stored pet changes between the read and the write, as a concurrent request would change it.</summary>
    private sealed class RacingPets(InMemoryPetRepository inner, Action race) : IPetRepository
    {
        public Task<bool> TryCreateAsync(Pet pet, CancellationToken cancellationToken = default) => inner.TryCreateAsync(pet, cancellationToken);
        public async Task<Pet?> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            var pet = await inner.GetAsync(id, cancellationToken);
            race();
            return pet;
        }
        public Task<PetPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default) => inner.ListAsync(limit, startAfterId, cancellationToken);
        public Task<bool> TryReplaceAsync(Pet current, Pet changed, CancellationToken cancellationToken = default) => inner.TryReplaceAsync(current, changed, cancellationToken);
        public Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default) => inner.TryDeleteAsync(id, cancellationToken);
    }
}
