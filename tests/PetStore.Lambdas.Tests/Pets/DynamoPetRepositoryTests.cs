using Amazon.DynamoDBv2;
using Amazon.Runtime;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Pets;

/// <summary>The DynamoDB code against dynalite, a real DynamoDB wire protocol on 127.0.0.1.</summary>
public class DynamoPetRepositoryTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private readonly string _table = $"pets-{Guid.NewGuid():N}";
    private AmazonDynamoDBClient _client = null!;
    private DynamoPetRepository _repository = null!;

    public async ValueTask InitializeAsync()
    {
        _client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        await DynamoPetRepository.CreateTableAsync(_client, _table, TestContext.Current.CancellationToken);
        _repository = new DynamoPetRepository(_client, _table);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_created_pet_reads_back_the_same()
    {
        var pet = new Pet(Guid.CreateVersion7().ToString("D"), "dog", 249.99m);

        Assert.True(await _repository.TryCreateAsync(pet, TestContext.Current.CancellationToken));

        Assert.Equal(pet, await _repository.GetAsync(pet.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Creating_a_pet_with_an_existing_id_is_refused_and_the_original_kept()
    {
        var id = Guid.CreateVersion7().ToString("D");
        var original = new Pet(id, "dog", 1m);
        await _repository.TryCreateAsync(original, TestContext.Current.CancellationToken);

        Assert.False(await _repository.TryCreateAsync(new Pet(id, "cat", 2m), TestContext.Current.CancellationToken));

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
            var pet = new Pet(Guid.CreateVersion7().ToString("D"), $"pet{i}", i);
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
}
