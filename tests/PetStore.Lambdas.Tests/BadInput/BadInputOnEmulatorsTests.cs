using System.Text.Json;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using ScanRequest = Amazon.DynamoDBv2.Model.ScanRequest;
using Amazon.Runtime;
using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Lambdas.Users;
using PetStore.Testing;
using CsCheck;

namespace PetStore.Lambdas.Tests.BadInput;

/// <summary>
/// The same random bodies against the real wire protocols (dynalite, cognito-local): what is stored is exactly what
/// was answered 201, and look-alike usernames cannot make a second account.
/// </summary>
public class BadInputOnEmulatorsTests(DynaliteFixture dynalite, CognitoLocalFixture cognito) : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly string _table = $"pets-{Guid.NewGuid():N}";
    // The AWS SDK's own client reads back what the pets code wrote over its thin JSON client.
    private AmazonDynamoDBClient _dynamo = null!;
    private AwsJsonClient _pets = null!;
    private CognitoLocalPool _pool = null!;

    public async ValueTask InitializeAsync()
    {
        _dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        _pets = DynamoDb.Client(dynalite.Endpoint, "us-east-1", TimeSpan.FromSeconds(10), AwsCredentials.Of("local", "local"));
        await DynamoPetRepository.CreateTableAsync(_pets, _table);
        _pool = await CognitoLocalPool.CreateAsync(_http, cognito.Cognito.Endpoint);
    }

    public ValueTask DisposeAsync()
    {
        _dynamo.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Random_pet_bodies_store_exactly_the_pets_answered_201()
    {
        var api = TestPrincipals.PetsApi(new DynamoPetRepository(_pets, _table, "downtown"), new RecordingLog().Log);
        var created = new HashSet<string>();
        var bodies = Gen.Frequency(
            (1, Inputs.JsonObject(["type", "price", "storeId", "status"])),
            (1, Gen.Select(Inputs.JsonString(Inputs.Text(20)), Inputs.NumberLiteral, (type, price) => $$"""{"type":{{type}},"price":{{price}},"storeId":"downtown"}""")),
            // Valid types too, so that every run stores some pets (a random object rarely names a store).
            (1, Inputs.NumberLiteral.Select(price => $$"""{"type":"dog","price":{{price}},"storeId":"downtown"}""")));
        // One run of many bodies against one table: the property is about all of them together.
        await bodies.Array[(int)Inputs.Runs(150)].SampleAsync(async sent =>
        {
            foreach (var body in sent)
            {
                var response = await api.HandleAsync(ProxyRequests.For("POST", "/pets", Convert.ToBase64String(Encoding.UTF8.GetBytes(body))) with { IsBase64Encoded = true });
                Assert.True(response.StatusCode is 201 or 400, $"{body}: {response.StatusCode} {response.Body}");
                if (response.StatusCode == 201) created.Add(response.Json().GetProperty("pet").GetProperty("id").GetString()!);
            }
        }, iter: 1, threads: 1);

        var stored = (await _dynamo.ScanAsync(new ScanRequest { TableName = _table })).Items.Select(item => item[PetsTableAccess.KeyAttribute].S).ToList();
        Assert.Equal(created.Order(), stored.Order());
        Assert.NotEmpty(created); // the generator reaches valid pets too
    }

    [Fact]
    public async Task Random_registrations_create_exactly_the_users_answered_201_and_no_look_alikes()
    {
        var api = new UsersApi(_pool.Client, SignUpConfirmation.Auto, new RecordingLog().Log);
        var created = new List<string>();
        await Inputs.JsonObject(["username", "password", "email"]).Array[(int)Inputs.Runs(60)].SampleAsync(async sent =>
        {
            foreach (var body in sent)
            {
                var response = await api.HandleAsync(ProxyRequests.For("POST", "/users", body));
                Assert.True(response.StatusCode is 201 or 400 or 409, $"{body}: {response.StatusCode} {response.Body}");
                if (response.StatusCode == 201) created.Add(response.Json().GetProperty("username").GetString()!);
            }
        }, iter: 1, threads: 1);

        Assert.Equal(created.Order(StringComparer.Ordinal), (await _pool.UsernamesAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Look_alikes_of_an_existing_user_are_refused_by_the_emulator_as_by_Cognito()
    {
        var api = new UsersApi(_pool.Client, SignUpConfirmation.Auto, new RecordingLog().Log);
        async Task<int> RegisterAsync(string username) => (await api.HandleAsync(ProxyRequests.For("POST", "/users",
            JsonSerializer.Serialize(new { username, password = "Correct-Horse-9", email = "o@example.com" })))).StatusCode;

        Assert.Equal(201, await RegisterAsync("owner"));
        Assert.Equal(409, await RegisterAsync("Owner"));
        Assert.Equal(409, await RegisterAsync("OWNER"));
        Assert.Equal(400, await RegisterAsync("owner\u200b"));
        Assert.Equal(400, await RegisterAsync("\u043ewner"));
        Assert.Equal(["owner"], await _pool.UsernamesAsync());

        var login = await api.HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"OWNER","password":"Correct-Horse-9"}"""));
        Assert.Equal(200, login.StatusCode);
    }
}
