using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Pets;
using PetStore.NodeTools;
using PetStore.Testing;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>The pets function on GET /pets/{petId}: one real GetItem against dynalite, for a pet stored beforehand.</summary>
public sealed class PetsColdStart : ColdStartFunction
{
    private const string Table = "Pets";
    private static readonly Pet Stored = new("0193a5d2-7c4e-7000-8000-00000000c01d", "dog", 249.99m, TestPrincipals.Stores[0].Id, "available");

    private readonly Dynalite _dynalite;

    private PetsColdStart(Dynalite dynalite, byte[] invocationEvent, string request)
    {
        (_dynalite, Event, Request) = (dynalite, invocationEvent, request);
        Environment = new Dictionary<string, string>
        {
            [FunctionVariables.PetsTableName] = Table,
            [FunctionVariables.Stores] = Stores.ToJson(TestPrincipals.Stores),
            // GET /pets/{petId} is decided by the authorizer alone: the function makes no Verified Permissions call.
            [FunctionVariables.PolicyStoreId] = "cold-start",
            [FunctionVariables.DynamoDbEndpoint] = dynalite.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        };
    }

    public static async Task<PetsColdStart> StartAsync(NodeTools.NodeTools tools, string region)
    {
        var dynalite = await Dynalite.StartAsync(tools);
        try
        {
            var dynamo = DynamoDb.Client(dynalite.Endpoint, region, TimeSpan.FromSeconds(10), AwsCredentials.Of("local", "local"));
            await DynamoPetRepository.CreateTableAsync(dynamo, Table);
            var repository = new DynamoPetRepository(dynamo, Table, "downtown");
            await repository.TryCreateAsync(Stored);
            // dynalite's own first read is slow; pay it here, not in the first measured cold start.
            _ = await repository.GetAsync(Stored.Id);

            var route = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.GetPet);
            var parameter = route.PathParameters.Single();
            var invocationEvent = ApiGatewayEvents.Proxy(route.Method, route.Path, route.Path.Replace($"{{{parameter}}}", Stored.Id),
                pathParameters: new Dictionary<string, string> { [parameter] = Stored.Id });
            return new PetsColdStart(dynalite, invocationEvent, $"{route.Method} {route.Path}");
        }
        catch
        {
            await dynalite.DisposeAsync();
            throw;
        }
    }

    public override string Name => "pets";
    public override string Request { get; }
    public override string Handler => FunctionHandlers.Pets;
    public override string Baseline => "before";
    public override byte[] Event { get; }
    public override IReadOnlyDictionary<string, string> Environment { get; }

    public override string? Problem(string kind, string body)
    {
        if (kind != "response") return $"{kind}: {body}";
        var (status, pet) = ApiGatewayEvents.ProxyAnswer(body);
        return status == 200 && pet?["id"]?.GetValue<string>() == Stored.Id && pet["type"]?.GetValue<string>() == Stored.Type
            ? null
            : $"expected 200 with pet {Stored.Id}: {body}";
    }

    public override async ValueTask DisposeAsync()
    {
        await _dynalite.DisposeAsync();
        await base.DisposeAsync();
    }
}
