using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using PetStore.Contract;
using PetStore.Aws;
using CallerPrincipal = PetStore.Lambdas.Authorizer.CallerPrincipal;
using PetStore.Lambdas.Pets;
using PetStore.Local;
using PetStore.NodeTools;
using PetStore.Testing;

namespace PetStore.BundleCheck;

/// <summary>
/// The pets function's bundle (as deployed: the custom runtime unless lambda.runtime is managed) decides adding a pet
/// on its store with a signed IsAuthorized call the real Cedar engine answers (allowed in the employee's store, denied
/// in another), creates the pet in dynalite and reads it back through its own routes; the item is then read from
/// dynalite with the AWS SDK's own client, so the answer cannot have come from anywhere else.
/// </summary>
public static class PetsCheck
{
    private const string Table = "Pets";

    public static async Task RunAsync(DeployedFunction function, FunctionLauncher launcher, NodeTools.NodeTools tools, PolicyStoreStandIn policyStore, CheckReport report)
    {
        await using var dynalite = await Dynalite.StartAsync(tools);
        await DynamoPetRepository.CreateTableAsync(
            DynamoDb.Client(dynalite.Endpoint, function.Region, TimeSpan.FromSeconds(10), AwsCredentials.Of("local", "local")), Table);
        using var permissions = new AuthorizerEndpoints("{}", policyStore.IsAuthorized, function.Region);

        await using var environment = launcher.Start("pets", function,
            new Dictionary<string, string> { [FunctionVariables.PetsTableName] = Table, [FunctionVariables.PolicyStoreId] = PolicyStoreStandIn.PolicyStoreId },
            new Dictionary<string, string>(permissions.FunctionVariables) { [FunctionVariables.DynamoDbEndpoint] = dynalite.Endpoint.ToString() });

        // As API Gateway passes on the authorizer's answer for an employee of the first store.
        var stores = Stores.Parse(function.Variables[FunctionVariables.Stores]!.GetValue<string>());
        var employee = new Dictionary<string, string>(new CallerPrincipal("pool|employee-1", "employee", "Users", "person", [Groups.Employees], [stores[0].Id]).ToContext())
        {
            ["principalId"] = "pool|employee-1",
            ["tenant"] = "",
        };
        var create = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.CreatePet);
        foreach (var (store, expected) in stores.Take(2).Select((s, i) => (s.Id, i == 0 ? 201 : 403)))
        {
            var before = permissions.Calls.Count;
            var answer = await environment.InvokeAsync(ApiGatewayEvents.Proxy(create.Method, create.Path, create.Path,
                $$"""{"type":"dog","price":249.99,"storeId":"{{store}}"}""", authorizer: employee));
            var (decided, decidedBody) = answer.Kind == "response" ? ApiGatewayEvents.ProxyAnswer(answer.Body) : (0, null);
            var call = permissions.Calls.Skip(before).SingleOrDefault();
            report.Check($"pets: {create} to {store} as its employee: Verified Permissions call", call is not null
                && call.Request["resource"]?["entityId"]?.GetValue<string>() == store
                && call.Answer["decision"]?.GetValue<string>() == (expected == 201 ? "ALLOW" : "DENY"),
                call is null ? $"{permissions.Calls.Count - before} calls, expected one" : $"SigV4-verified IsAuthorized on {call.Request["resource"]?.ToJsonString()}; Cedar decided {call.Answer["decision"]}");
            report.Check($"pets: {create} to {store} as its employee: answer", decided == expected,
                $"{answer.Kind} {decided}: {CheckReport.Shorten(decidedBody?.ToJsonString() ?? answer.Body)}");
        }
        report.Check("pets: request signatures", permissions.Refusals.Count == 0,
            permissions.Refusals.Count == 0 ? $"all {permissions.Calls.Count} IsAuthorized calls carried a valid SigV4 signature" : string.Join("; ", permissions.Refusals));

        var created = await environment.InvokeAsync(ApiGatewayEvents.Proxy(create.Method, create.Path, create.Path,
            $$"""{"type":"dog","price":249.99,"storeId":"{{stores[0].Id}}"}""", authorizer: employee));
        var (status, body) = created.Kind == "response" ? ApiGatewayEvents.ProxyAnswer(created.Body) : (0, null);
        var id = body?["pet"]?["id"]?.GetValue<string>();
        report.Check($"pets: {create}", status == 201 && id is { Length: > 0 }, $"{created.Kind} {status}: {CheckReport.Shorten(body?.ToJsonString() ?? created.Body)}");
        if (id is null) return;

        var get = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.GetPet);
        var parameter = get.PathParameters.Single();
        var path = get.Path.Replace($"{{{parameter}}}", id);
        var read = await environment.InvokeAsync(ApiGatewayEvents.Proxy(get.Method, get.Path, path, pathParameters: new Dictionary<string, string> { [parameter] = id }));
        (status, body) = read.Kind == "response" ? ApiGatewayEvents.ProxyAnswer(read.Body) : (0, null);
        report.Check($"pets: {get.Method} {path}", status == 200 && body?["id"]?.GetValue<string>() == id
            && body["type"]?.GetValue<string>() == "dog" && body["price"]?.GetValue<decimal>() == 249.99m,
            $"{read.Kind} {status}: {CheckReport.Shorten(body?.ToJsonString() ?? read.Body)}");

        // The one reading of path parameters, as deployed: another spelling of the id is refused, not read as the id.
        var upper = id.ToUpperInvariant();
        var respelled = await environment.InvokeAsync(ApiGatewayEvents.Proxy(get.Method, get.Path, get.Path.Replace($"{{{parameter}}}", upper),
            pathParameters: new Dictionary<string, string> { [parameter] = upper }));
        (status, body) = respelled.Kind == "response" ? ApiGatewayEvents.ProxyAnswer(respelled.Body) : (0, null);
        report.Check($"pets: {get.Method} with the id in upper case", status == 400 && body?["message"]?.GetValue<string>()?.StartsWith(parameter) == true,
            $"{respelled.Kind} {status}: {CheckReport.Shorten(body?.ToJsonString() ?? respelled.Body)}");

        // Read with the AWS SDK's own client: not the code under check.
        using var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint.ToString(), AuthenticationRegion = function.Region });
        var stored = (await dynamo.GetItemAsync(Table, new Dictionary<string, AttributeValue> { [PetsTableAccess.KeyAttribute] = new(id) })).Item;
        report.Check("pets: the item in dynalite", stored?["type"].S == "dog" && stored["price"].N == "249.99",
            $"read directly with the AWS SDK: {(stored is null ? "none" : string.Join(", ", stored.Select(a => $"{a.Key}={a.Value.S ?? a.Value.N}")))}");
    }
}
