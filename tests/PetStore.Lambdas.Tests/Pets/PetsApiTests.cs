using System.Text.Json;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Pets;

public class PetsApiTests
{
    private readonly InMemoryPetRepository _repository = new();
    private readonly RecordingLog _log = new();

    private PetsApi Api(Func<string>? newId = null) =>
        newId is null ? TestPrincipals.PetsApi(_repository, _log.Log) : TestPrincipals.PetsApi(_repository, _log.Log, newId: newId);

    [Fact]
    public async Task Creating_a_pet_returns_201_with_a_server_made_id()
    {
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/pets", """{"type":"dog","price":249.99,"storeId":"downtown"}"""));

        Assert.Equal(201, response.StatusCode);
        var body = response.Json();
        Assert.Equal("success", body.GetProperty("message").GetString());
        var pet = body.GetProperty("pet");
        Assert.True(Guid.TryParse(pet.GetProperty("id").GetString(), out _));
        Assert.Equal("dog", pet.GetProperty("type").GetString());
        Assert.Equal(249.99m, pet.GetProperty("price").GetDecimal());
        Assert.Single(_repository.Pets);
    }

    [Fact]
    public async Task A_bad_body_is_400_and_writes_nothing()
    {
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/pets", """{"type":"dog","price":"free","storeId":"downtown"}"""));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("price", response.Message());
        Assert.Equal(0, _repository.CreateAttempts);
    }

    [Fact]
    public async Task An_id_collision_never_overwrites_and_a_fresh_id_is_tried()
    {
        var existing = new Pet("0198f3a2-7b7c-7d1e-9f00-0123456789ab", "cat", 10m, "downtown", "available");
        await _repository.TryCreateAsync(existing);
        var ids = new Queue<string>([existing.Id, "0198f3a2-7b7c-7d1e-9f00-0123456789ac"]);

        var response = await Api(ids.Dequeue).HandleAsync(ProxyRequests.For("POST", "/pets", """{"type":"dog","price":1,"storeId":"downtown"}"""));

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(existing, await _repository.GetAsync(existing.Id));
        Assert.Equal(2, _repository.Pets.Count);
    }

    [Fact]
    public async Task Repeated_collisions_give_up_with_503_and_write_nothing()
    {
        var existing = new Pet("0198f3a2-7b7c-7d1e-9f00-0123456789ab", "cat", 10m, "downtown", "available");
        await _repository.TryCreateAsync(existing);

        var response = await Api(() => existing.Id).HandleAsync(ProxyRequests.For("POST", "/pets", """{"type":"dog","price":1,"storeId":"downtown"}"""));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal([existing], _repository.Pets);
    }

    [Fact]
    public async Task Getting_a_pet_returns_it_and_an_unknown_id_is_404()
    {
        var pet = new Pet(Guid.CreateVersion7().ToString("D"), "fish", 3.5m, "downtown", "available");
        await _repository.TryCreateAsync(pet);

        var found = await Api().HandleAsync(ProxyRequests.For("GET", "/pets/{petId}", pathParameters: new() { ["petId"] = pet.Id }));
        var missing = await Api().HandleAsync(ProxyRequests.For("GET", "/pets/{petId}", pathParameters: new() { ["petId"] = Guid.NewGuid().ToString() }));

        Assert.Equal(200, found.StatusCode);
        Assert.Equal(pet, JsonSerializer.Deserialize(found.Body, LambdaJson.Default.Pet));
        Assert.Equal(404, missing.StatusCode);
        Assert.Contains("not found", missing.Message());
    }

    [Fact]
    public async Task A_malformed_pet_id_is_400()
    {
        var response = await Api().HandleAsync(ProxyRequests.For("GET", "/pets/{petId}", pathParameters: new() { ["petId"] = "../etc" }));
        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task Listing_pages_through_every_pet_exactly_once()
    {
        for (var i = 0; i < 5; i++) await _repository.TryCreateAsync(new Pet(Guid.CreateVersion7().ToString("D"), $"pet{i}", i, "downtown", "available"));

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = "2" };
            if (token is not null) query["nextToken"] = token;
            var response = await Api().HandleAsync(ProxyRequests.For("GET", "/pets", query: query));
            Assert.Equal(200, response.StatusCode);
            var body = response.Json();
            seen.AddRange(body.GetProperty("pets").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            token = body.GetProperty("nextToken").GetString();
            pages++;
        } while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(_repository.Pets.Select(p => p.Id), seen);
    }

    [Fact]
    public async Task The_last_page_has_a_null_next_token()
    {
        var response = await Api().HandleAsync(ProxyRequests.For("GET", "/pets"));
        var body = response.Json();
        Assert.Equal(JsonValueKind.Array, body.GetProperty("pets").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextToken").ValueKind);
    }

    [Fact]
    public async Task An_unknown_route_is_a_JSON_404()
    {
        var response = await Api().HandleAsync(ProxyRequests.For("DELETE", "/pets"));
        Assert.Equal(404, response.StatusCode);
        Assert.Equal("application/json", response.Headers["Content-Type"]);
    }
}
