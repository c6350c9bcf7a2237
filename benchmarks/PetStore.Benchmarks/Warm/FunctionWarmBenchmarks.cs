using PetStore.Lambdas.ApiGateway;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using PetStore.Contract;
using PetStore.Lambdas.Admin;
using PetStore.Lambdas.Identity;
using PetStore.Lambdas.Logging;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Users;
using PetStore.Testing;

namespace PetStore.Benchmarks.Warm;

/// <summary>
/// Every other function's warm invocation in process, through its Lambda entry point (the event's JSON in, the
/// response's JSON out), the downstream replaced by an in-memory stand-in: what our code costs per request, apart
/// from the network. The authorizer's are in <see cref="AuthorizerWarmBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class FunctionWarmBenchmarks
{
    private static readonly JsonLog Quiet = new(TextWriter.Null, TimeProvider.System);

    private PetsFunction _pets = null!;
    private PetsFunction _petsCreating = null!;
    private UsersFunction _users = null!;
    private AdminFunction _admin = null!;
    private TokenScopesFunction _tokenScopes = null!;
    private byte[] _getPet = [], _listPets = [], _createPet = [], _login = [], _adminEvent = [], _tokenEvent = [];

    [GlobalSetup]
    public void Setup()
    {
        var stored = new InMemoryPetRepository();
        for (var i = 0; i < ListQuery.DefaultLimit * 2; i++)
            stored.TryCreateAsync(new Pet(Guid.CreateVersion7().ToString("D"), $"pet{i}", 10m + i, "downtown", "available")).GetAwaiter().GetResult();
        var pet = stored.Pets.First();
        _pets = new PetsFunction(TestPrincipals.PetsApi(stored, Quiet), Quiet);
        // Creating must not grow a store across millions of calls.
        _petsCreating = new PetsFunction(TestPrincipals.PetsApi(new InMemoryPetRepository { KeepsCreatedPets = false }, Quiet), Quiet);
        _users = new UsersFunction(new UsersApi(new FakeCognito { RecordCalls = false }, SignUpConfirmation.Auto, Quiet), Quiet);
        _admin = new AdminFunction(Quiet);
        _tokenScopes = new TokenScopesFunction();

        var get = Route(RouteTable.Operations.GetPet);
        var parameter = get.PathParameters.Single();
        _getPet = ApiGatewayEvents.Proxy(get.Method, get.Path, get.Path.Replace($"{{{parameter}}}", pet.Id), pathParameters: new Dictionary<string, string> { [parameter] = pet.Id });
        var list = Route(RouteTable.Operations.ListPets);
        _listPets = ApiGatewayEvents.Proxy(list.Method, list.Path, list.Path);
        var create = Route(RouteTable.Operations.CreatePet);
        // As API Gateway passes on the authorizer's answer: an employee of the store (the decision itself is a fake here).
        var employee = TestPrincipals.Person("erin", [Groups.Employees], "downtown");
        _createPet = ApiGatewayEvents.Proxy(create.Method, create.Path, create.Path, """{"type":"dog","price":249.99,"storeId":"downtown"}""",
            authorizer: TestPrincipals.AuthorizerContext(employee).ToDictionary(c => c.Key, c => c.Value.GetString()!));
        var login = Route(RouteTable.Operations.Login);
        _login = ApiGatewayEvents.Proxy(login.Method, login.Path, login.Path, """{"username":"alice","password":"Correct-Horse-9!"}""");
        var admin = Route(RouteTable.Operations.Admin);
        _adminEvent = ApiGatewayEvents.Proxy("GET", admin.Path, "/admin/reports", pathParameters: new Dictionary<string, string> { ["proxy"] = "reports" });
        _tokenEvent = CognitoTriggerEvents.TokenGeneration("alice");

        // A benchmark of an error path would measure the wrong thing: every answer must be the success the route promises.
        Expect(_pets.HandleAsync, _getPet, 200);
        Expect(_pets.HandleAsync, _listPets, 200);
        Expect(_petsCreating.HandleAsync, _createPet, 201);
        Expect(_users.HandleAsync, _login, 200);
        Expect(_admin.HandleAsync, _adminEvent, 200);
        var trigger = JsonNode.Parse(_tokenScopes.HandleAsync(new MemoryStream(_tokenEvent)).GetAwaiter().GetResult());
        if (!CognitoTriggerEvents.AddsScope(trigger, ApiScope.FullName)) throw new InvalidOperationException($"The token trigger added no scope: {trigger}");
    }

    [Benchmark] public Task<int> PetsGetPet() => Invoke(_pets.HandleAsync, _getPet);
    [Benchmark] public Task<int> PetsListPets() => Invoke(_pets.HandleAsync, _listPets);
    [Benchmark] public Task<int> PetsCreatePet() => Invoke(_petsCreating.HandleAsync, _createPet);
    [Benchmark] public Task<int> UsersLogin() => Invoke(_users.HandleAsync, _login);
    [Benchmark] public Task<int> Admin() => Invoke(_admin.HandleAsync, _adminEvent);
    [Benchmark] public Task<int> TokenScopes() => Invoke(_tokenScopes.HandleAsync, _tokenEvent);

    private static async Task<int> Invoke(Func<Stream, Task<Stream>> handler, byte[] invocationEvent)
    {
        var output = await handler(new MemoryStream(invocationEvent, writable: false));
        return (int)output.Length;
    }

    private static Route Route(string operation) => RouteTable.All.Single(r => r.Operation == operation);

    private static void Expect(Func<Stream, Task<Stream>> handler, byte[] invocationEvent, int status)
    {
        using var reader = new StreamReader(handler(new MemoryStream(invocationEvent, writable: false)).GetAwaiter().GetResult());
        var answer = reader.ReadToEnd();
        if (ApiGatewayEvents.ProxyAnswer(answer).Status != status)
            throw new InvalidOperationException($"The benchmark's request must succeed with {status}: {answer}");
    }
}
