using System.Text.Json;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Pets;

/// <summary>POST /pets with an Idempotency-Key creates the pet at most once, however often it is retried.</summary>
public class IdempotentCreateTests
{
    private readonly InMemoryPetRepository _repository = new();

    private static ProxyRequest Create(string body, string? key, string principal = "alice") =>
        ProxyRequests.For("POST", "/pets", body, caller: TestPrincipals.Person(principal, [Groups.Owners])) with
        {
            Headers = key is null ? [] : new() { ["idempotency-key"] = key },
        };

    private Task<ProxyResponse> SendAsync(ProxyRequest request) => TestPrincipals.PetsApi(_repository, new RecordingLog().Log).HandleAsync(request);

    [Fact]
    public async Task A_retry_with_the_same_key_answers_the_same_pet_and_creates_nothing_more()
    {
        var first = await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", "order-42"));
        var again = await SendAsync(Create("""{"type":"dog","price":5.00,"storeId":"downtown"}""", "order-42"));

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(201, again.StatusCode);
        Assert.Equal(first.Json().GetProperty("pet").GetRawText(), again.Json().GetProperty("pet").GetRawText());
        Assert.Equal("true", again.Headers["Idempotent-Replayed"]);
        Assert.False(first.Headers.ContainsKey("Idempotent-Replayed"));
        Assert.Single(_repository.Pets);
    }

    [Fact]
    public async Task The_same_key_for_another_pet_is_409_and_writes_nothing()
    {
        await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", "order-42"));

        var other = await SendAsync(Create("""{"type":"cat","price":5,"storeId":"downtown"}""", "order-42"));

        Assert.Equal(409, other.StatusCode);
        Assert.Contains("Idempotency-Key", other.Message());
        Assert.Equal("dog", Assert.Single(_repository.Pets).Type);
    }

    [Fact]
    public async Task A_retry_after_the_pet_was_changed_answers_the_pet_as_it_is_now()
    {
        var first = (await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", "order-7"))).Json().GetProperty("pet").GetProperty("id").GetString()!;
        var changed = await TestPrincipals.PetsApi(_repository, new RecordingLog().Log).HandleAsync(
            ProxyRequests.For("PATCH", "/pets/{petId}", """{"price":6}""", new() { ["petId"] = first }));
        Assert.Equal(200, changed.StatusCode);

        var again = await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", "order-7"));

        Assert.Equal(201, again.StatusCode);
        Assert.Equal("true", again.Headers["Idempotent-Replayed"]);
        Assert.Equal(6m, again.Json().GetProperty("pet").GetProperty("price").GetDecimal());
        Assert.Equal(409, (await SendAsync(Create("""{"type":"cat","price":5,"storeId":"downtown"}""", "order-7"))).StatusCode);
        Assert.Single(_repository.Pets);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller_and_without_a_key_every_request_is_a_new_pet()
    {
        await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", "order-42", "alice"));
        await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", "order-42", "bob"));
        await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", null));
        await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", null));

        Assert.Equal(4, _repository.Pets.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    [InlineData("a/b")]
    public async Task A_key_that_is_not_a_token_is_400_and_writes_nothing(string key)
    {
        var response = await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", key));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("Idempotency-Key", response.Message());
        Assert.Empty(_repository.Pets);
        Assert.Equal(400, (await SendAsync(Create("""{"type":"dog","price":5,"storeId":"downtown"}""", new string('k', PetRequests.IdempotencyKeyMaxLength + 1)))).StatusCode);
    }

    [Fact]
    public void A_keyed_id_is_a_canonical_uuid_of_version_8()
    {
        var id = PetRequests.IdFor("alice", "order-42");

        Assert.True(PetStore.Contract.RouteParameters.IsCanonicalId(id));
        Assert.Equal('8', id[14]);
        Assert.Contains(id[19], "89ab");
        Assert.NotEqual(id, PetRequests.IdFor("alice", "order-43"));
    }
}
