using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using AttributeValue = Amazon.DynamoDBv2.Model.AttributeValue;
using GetItemRequest = Amazon.DynamoDBv2.Model.GetItemRequest;
using Amazon.Runtime;
using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;

namespace PetStore.Lambdas.Tests.Pets;

/// <summary>
/// The pets table code against dynalite, a real DynamoDB wire protocol on 127.0.0.1. What it writes is read back
/// with the AWS SDK's own DynamoDB client, so the repository's JSON is checked against an implementation not its own.
/// </summary>
public class DynamoPetRepositoryTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly AwsCredentials Local = AwsCredentials.Of("local", "local");
    private readonly string _table = $"pets-{Guid.NewGuid():N}";
    private AmazonDynamoDBClient _sdk = null!;
    private DynamoPetRepository _repository = null!;

    public async ValueTask InitializeAsync()
    {
        var dynamo = DynamoDb.Client(dynalite.Endpoint, "us-east-1", TimeSpan.FromSeconds(10), Local);
        await DynamoPetRepository.CreateTableAsync(dynamo, _table, TestContext.Current.CancellationToken);
        _repository = new DynamoPetRepository(dynamo, _table, "downtown");
        _sdk = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
    }

    public ValueTask DisposeAsync()
    {
        _sdk.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_created_pet_reads_back_the_same()
    {
        var pet = new Pet(Guid.CreateVersion7().ToString("D"), "dog", 249.99m, "downtown", "available");

        Assert.True(await _repository.TryCreateAsync(pet, TestContext.Current.CancellationToken));

        Assert.Equal(pet, await _repository.GetAsync(pet.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_stored_item_is_what_the_AWS_SDK_reads_a_string_key_a_string_type_and_a_number_price()
    {
        var pet = new Pet(Guid.CreateVersion7().ToString("D"), "cat", 12.5m, "downtown", "available");
        await _repository.TryCreateAsync(pet, TestContext.Current.CancellationToken);

        var item = (await _sdk.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new() { [PetsTableAccess.KeyAttribute] = new AttributeValue { S = pet.Id } },
            ConsistentRead = true,
        }, TestContext.Current.CancellationToken)).Item;

        Assert.Equal(pet.Id, item[PetsTableAccess.KeyAttribute].S);
        Assert.Equal("cat", item["type"].S);
        Assert.Equal("12.5", item["price"].N);
    }

    [Fact]
    public async Task A_change_applies_only_to_the_version_it_was_decided_on()
    {
        var ct = TestContext.Current.CancellationToken;
        var pet = new Pet(Guid.CreateVersion7().ToString("D"), "dog", 10m, "downtown", "available");
        Assert.True(await _repository.TryCreateAsync(pet, ct));

        Assert.True(await _repository.TryReplaceAsync(pet, pet with { Price = 12m }, ct));
        // A second change decided on the first version finds the pet changed: nothing is written.
        Assert.False(await _repository.TryReplaceAsync(pet, pet with { Status = "sold" }, ct));

        Assert.Equal(pet with { Price = 12m, Version = 2 }, await _repository.GetAsync(pet.Id, ct));
    }

    [Fact]
    public async Task A_pet_written_before_stores_reads_as_in_the_home_store_and_available_and_its_first_change_writes_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.CreateVersion7().ToString("D");
        await _sdk.PutItemAsync(_table, new Dictionary<string, AttributeValue>
        {
            [PetsTableAccess.KeyAttribute] = new() { S = id },
            ["type"] = new() { S = "parrot" },
            ["price"] = new() { N = "99.9" },
        }, ct);
        var legacy = await _repository.GetAsync(id, ct);
        Assert.Equal(new Pet(id, "parrot", 99.9m, "downtown", "available", Version: 0), legacy);

        Assert.True(await _repository.TryReplaceAsync(legacy!, legacy! with { Status = "pending" }, ct));
        Assert.False(await _repository.TryReplaceAsync(legacy!, legacy! with { Status = "sold" }, ct));

        var item = (await _sdk.GetItemAsync(new GetItemRequest { TableName = _table, Key = new() { [PetsTableAccess.KeyAttribute] = new() { S = id } } }, ct)).Item;
        Assert.Equal(("downtown", "pending", "1"), (item["storeId"].S, item["status"].S, item["version"].N));
    }

    [Fact]
    public async Task A_deleted_pet_is_not_brought_back_by_a_change()
    {
        var ct = TestContext.Current.CancellationToken;
        var pet = new Pet(Guid.CreateVersion7().ToString("D"), "dog", 10m, "uptown", "available");
        Assert.True(await _repository.TryCreateAsync(pet, ct));
        Assert.True(await _repository.TryDeleteAsync(pet.Id, ct));

        Assert.False(await _repository.TryReplaceAsync(pet, pet with { Price = 1m }, ct));
        Assert.False(await _repository.TryReplaceAsync(pet with { Version = 0 }, pet with { Price = 1m }, ct));
        Assert.Null(await _repository.GetAsync(pet.Id, ct));
    }

    [Fact]
    public async Task An_item_the_AWS_SDK_wrote_reads_as_a_pet()
    {
        var id = Guid.CreateVersion7().ToString("D");
        await _sdk.PutItemAsync(_table, new Dictionary<string, AttributeValue>
        {
            [PetsTableAccess.KeyAttribute] = new() { S = id },
            ["type"] = new() { S = "parrot" },
            ["price"] = new() { N = "99.9" },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(new Pet(id, "parrot", 99.9m, "downtown", "available", Version: 0), await _repository.GetAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Creating_a_pet_with_an_existing_id_is_refused_and_the_original_kept()
    {
        var id = Guid.CreateVersion7().ToString("D");
        var original = new Pet(id, "dog", 1m, "downtown", "available");
        await _repository.TryCreateAsync(original, TestContext.Current.CancellationToken);

        Assert.False(await _repository.TryCreateAsync(new Pet(id, "cat", 2m, "downtown", "available"), TestContext.Current.CancellationToken));

        Assert.Equal(original, await _repository.GetAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_id_reads_as_null()
    {
        Assert.Null(await _repository.GetAsync(Guid.NewGuid().ToString("D"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Paging_with_the_last_evaluated_key_visits_every_pet_once()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 7; i++)
        {
            var pet = new Pet(Guid.CreateVersion7().ToString("D"), $"pet{i}", i, "downtown", "available");
            ids.Add(pet.Id);
            await _repository.TryCreateAsync(pet, TestContext.Current.CancellationToken);
        }

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await _repository.ListAsync(3, after, TestContext.Current.CancellationToken);
            Assert.True(page.Pets.Count <= 3);
            seen.AddRange(page.Pets.Select(p => p.Id));
            after = page.LastId;
        } while (after is not null);

        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task A_missing_table_is_an_error_naming_DynamoDBs_exception_not_a_null_pet()
    {
        var dynamo = DynamoDb.Client(dynalite.Endpoint, "us-east-1", TimeSpan.FromSeconds(10), Local);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            new DynamoPetRepository(dynamo, "no-such-table", "downtown").GetAsync("x", TestContext.Current.CancellationToken));

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }
}
