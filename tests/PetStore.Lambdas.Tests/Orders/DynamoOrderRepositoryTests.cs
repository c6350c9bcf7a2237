using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using PetStore.Aws;
using PetStore.Contract;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using AttributeValue = Amazon.DynamoDBv2.Model.AttributeValue;

namespace PetStore.Lambdas.Tests.Orders;

/// <summary>
/// The orders table code against dynalite (its TransactWriteItems added by the local front): an order and its pet
/// change together or not at all, read back with the AWS SDK's own client.
/// </summary>
public class DynamoOrderRepositoryTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private readonly string _orders = $"orders-{Guid.NewGuid():N}";
    private readonly string _pets = $"pets-{Guid.NewGuid():N}";
    private DynamoOrderRepository _repository = null!;
    private DynamoPetRepository _petRepository = null!;
    private AmazonDynamoDBClient _sdk = null!;

    public async ValueTask InitializeAsync()
    {
        var dynamo = DynamoDb.Client(dynalite.Endpoint, "us-east-1", TimeSpan.FromSeconds(10), AwsCredentials.Of("local", "local"));
        await DynamoOrderRepository.CreateTableAsync(dynamo, _orders, TestContext.Current.CancellationToken);
        await DynamoPetRepository.CreateTableAsync(dynamo, _pets, TestContext.Current.CancellationToken);
        _repository = new DynamoOrderRepository(dynamo, _orders, _pets);
        _petRepository = new DynamoPetRepository(dynamo, _pets, "downtown");
        _sdk = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
    }

    public ValueTask DisposeAsync()
    {
        _sdk.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Order OrderFor(Pet pet, string owner = "pool|alice") =>
        new(Guid.CreateVersion7().ToString("D"), pet.Id, pet.StoreId, owner, OrderStatus.Placed, "2026-12-07T12:00:00.000Z");

    private async Task<Pet> StoredPetAsync(string status = "available")
    {
        var pet = new Pet(Guid.CreateVersion7().ToString("D"), "dog", 10m, "uptown", status);
        Assert.True(await _petRepository.TryCreateAsync(pet, TestContext.Current.CancellationToken));
        return pet;
    }

    private async Task<Dictionary<string, AttributeValue>> ItemAsync(string table, string id) =>
        (await _sdk.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["id"] = new(id) }, TestContext.Current.CancellationToken)).Item;

    [Fact]
    public async Task Placing_writes_the_order_and_makes_the_pet_pending_together()
    {
        var pet = await StoredPetAsync();
        var order = OrderFor(pet);

        Assert.Equal(PlaceOutcome.Placed, await _repository.TryPlaceAsync(order, pet, TestContext.Current.CancellationToken));

        var item = await ItemAsync(_orders, order.Id);
        Assert.Equal((pet.Id, "uptown", "pool|alice", "placed"), (item["petId"].S, item["storeId"].S, item["owner"].S, item["status"].S));
        var petItem = await ItemAsync(_pets, pet.Id);
        Assert.Equal(("pending", "2", order.Id), (petItem["status"].S, petItem["version"].N, petItem["heldBy"].S));
        Assert.Equal(order.Id, (await _petRepository.GetAsync(pet.Id, TestContext.Current.CancellationToken))!.HeldBy);
        Assert.Equal(order, await _repository.GetAsync(order.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_pet_changed_since_it_was_read_takes_no_order_and_nothing_is_written()
    {
        var pet = await StoredPetAsync();
        Assert.True(await _petRepository.TryReplaceAsync(pet, pet with { Price = 11m }, TestContext.Current.CancellationToken));
        var order = OrderFor(pet);

        Assert.Equal(PlaceOutcome.PetChanged, await _repository.TryPlaceAsync(order, pet, TestContext.Current.CancellationToken));

        Assert.True((await ItemAsync(_orders, order.Id)) is null or { Count: 0 });
        Assert.Equal("available", (await ItemAsync(_pets, pet.Id))["status"].S);
    }

    [Fact]
    public async Task Fifty_orders_racing_for_one_pet_place_exactly_one()
    {
        var pet = await StoredPetAsync();
        var orders = Enumerable.Range(0, 50).Select(i => OrderFor(pet, $"pool|customer-{i}")).ToList();

        var outcomes = await Task.WhenAll(orders.Select(o => _repository.TryPlaceAsync(o, pet, TestContext.Current.CancellationToken)));

        Assert.Single(outcomes, o => o == PlaceOutcome.Placed);
        var stored = (await _sdk.ScanAsync(new ScanRequest { TableName = _orders }, TestContext.Current.CancellationToken)).Items;
        Assert.Single(stored);
        Assert.Equal(orders[Array.IndexOf(outcomes, PlaceOutcome.Placed)].Id, stored[0]["id"].S);
        Assert.Equal(("pending", "2"), ((await ItemAsync(_pets, pet.Id))["status"].S, (await ItemAsync(_pets, pet.Id))["version"].N));
    }

    [Fact]
    public async Task Cancelling_makes_the_order_cancelled_and_the_pet_available_together_and_only_once()
    {
        var pet = await StoredPetAsync();
        var order = OrderFor(pet);
        await _repository.TryPlaceAsync(order, pet, TestContext.Current.CancellationToken);
        var pending = await _petRepository.GetAsync(pet.Id, TestContext.Current.CancellationToken);

        Assert.Equal(CancelOutcome.Cancelled, await _repository.TryCancelAsync(order, pending, TestContext.Current.CancellationToken));
        // A second cancel decided on the same reads changes nothing.
        Assert.Equal(CancelOutcome.Changed, await _repository.TryCancelAsync(order, pending, TestContext.Current.CancellationToken));

        Assert.Equal("cancelled", (await ItemAsync(_orders, order.Id))["status"].S);
        var petItem = await ItemAsync(_pets, pet.Id);
        Assert.Equal(("available", "3"), (petItem["status"].S, petItem["version"].N));
        Assert.False(petItem.ContainsKey("heldBy"));
    }

    [Fact]
    public async Task A_pet_written_before_stores_is_ordered_in_the_home_store_and_gets_its_store_written()
    {
        var id = Guid.CreateVersion7().ToString("D");
        await _sdk.PutItemAsync(_pets, new Dictionary<string, AttributeValue> { ["id"] = new(id), ["type"] = new("parrot"), ["price"] = new() { N = "5" } },
            TestContext.Current.CancellationToken);
        var legacy = (await _petRepository.GetAsync(id, TestContext.Current.CancellationToken))!;
        var order = OrderFor(legacy);

        Assert.Equal(PlaceOutcome.Placed, await _repository.TryPlaceAsync(order, legacy, TestContext.Current.CancellationToken));

        Assert.Equal("downtown", order.StoreId);
        var petItem = await ItemAsync(_pets, id);
        Assert.Equal(("pending", "downtown", "1"), (petItem["status"].S, petItem["storeId"].S, petItem["version"].N));
    }

    [Fact]
    public async Task Pages_follow_the_table_from_a_position_and_end()
    {
        var pet = await StoredPetAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var order = OrderFor(pet with { Id = Guid.CreateVersion7().ToString("D") });
            await _sdk.PutItemAsync(_orders, DynamoOrderRepositoryItems.ToSdk(order), TestContext.Current.CancellationToken);
            ids.Add(order.Id);
        }

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await _repository.ListAsync(2, after, TestContext.Current.CancellationToken);
            Assert.InRange(page.Orders.Count, 0, 2);
            seen.AddRange(page.Orders.Select(o => o.Id));
            after = page.LastId;
        } while (after is not null);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}

/// <summary>An order as an item the AWS SDK writes, to read it with the code under test.</summary>
internal static class DynamoOrderRepositoryItems
{
    public static Dictionary<string, AttributeValue> ToSdk(Order order) => new()
    {
        ["id"] = new(order.Id), ["petId"] = new(order.PetId), ["storeId"] = new(order.StoreId),
        ["owner"] = new(order.Owner), ["status"] = new(order.Status), ["createdAt"] = new(order.CreatedAt),
    };
}
