using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using PetStore.Aws;
using PetStore.Contract;
using BatchIsAuthorizedRequest = PetStore.Lambdas.Authorizer.BatchIsAuthorizedRequest;
using CallerPrincipal = PetStore.Lambdas.Authorizer.CallerPrincipal;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;
using PetStore.Local;
using PetStore.NodeTools;
using PetStore.Testing;

namespace PetStore.BundleCheck;

/// <summary>
/// The orders function's bundle, as deployed, against dynalite (behind the TransactWriteItems front) and the real
/// Cedar engine: a customer orders an available pet (IsAuthorized on the pet), a second customer is refused with 409,
/// the first lists its order from the owner index (the list plan the template carries) while the second cannot read it
/// (404), an owner lists it among a full batch of other customers' orders from the whole table (BatchIsAuthorized for
/// the batch, IsAuthorized for the rest), and cancelling it makes the pet available again.
/// The items are then read with the AWS SDK's own client.
/// </summary>
public static class OrdersCheck
{
    private const string PetsTable = "Pets";
    private const string OrdersTable = "Orders";
    private static readonly string Available = PetStatuses.Spell(PetStatus.Available);

    public static async Task RunAsync(DeployedFunction function, FunctionLauncher launcher, NodeTools.NodeTools tools, PolicyStoreStandIn policyStore, CheckReport report)
    {
        await using var dynalite = await Dynalite.StartAsync(tools);
        var dynamo = DynamoDb.Client(dynalite.Endpoint, function.Region, TimeSpan.FromSeconds(10), AwsCredentials.Of("local", "local"));
        await DynamoPetRepository.CreateTableAsync(dynamo, PetsTable);
        await DynamoOrderRepository.CreateTableAsync(dynamo, OrdersTable);
        var stores = Stores.Parse(function.Variables[FunctionVariables.Stores]!.GetValue<string>());
        var petId = Guid.NewGuid().ToString("D");
        await new DynamoPetRepository(dynamo, PetsTable, stores[0].Id).TryCreateAsync(new Pet(petId, "cat", 120m, stores[0].Id, Available));
        // Other customers' orders: a full batch to decide besides the customer's own.
        using var sdk = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.DirectEndpoint.ToString(), AuthenticationRegion = function.Region });
        for (var i = 0; i < BatchIsAuthorizedRequest.MaxRequests; i++)
            await sdk.PutItemAsync(OrdersTable, new Dictionary<string, AttributeValue>
            {
                [OrdersTableAccess.KeyAttribute] = new(Guid.NewGuid().ToString("D")), ["petId"] = new(Guid.NewGuid().ToString("D")),
                ["storeId"] = new(stores[0].Id), ["owner"] = new($"pool|someone-{i}"), ["status"] = new(OrderStatus.Placed), ["createdAt"] = new("2026-12-01T00:00:00.000Z"),
            });
        using var permissions = new AuthorizerEndpoints("{}", policyStore.IsAuthorized, function.Region, policyStore.BatchIsAuthorized);

        await using var environment = launcher.Start("orders", function,
            new Dictionary<string, string>
            {
                [FunctionVariables.OrdersTableName] = OrdersTable,
                [FunctionVariables.PetsTableName] = PetsTable,
                [FunctionVariables.PolicyStoreId] = PolicyStoreStandIn.PolicyStoreId,
            },
            new Dictionary<string, string>(permissions.FunctionVariables) { [FunctionVariables.DynamoDbEndpoint] = dynalite.Endpoint.ToString() });

        var first = Customer("pool|customer-1", "customer");
        var second = Customer("pool|customer-2", "customer2");
        var place = Route(RouteTable.Operations.PlaceOrder);
        var body = $$"""{"petId":"{{petId}}"}""";

        var before = permissions.Calls.Count;
        var (status, answer) = await InvokeAsync(environment, place, null, body, first);
        var orderId = answer?["order"]?["id"]?.GetValue<string>();
        var decision = permissions.Calls.Skip(before).FirstOrDefault();
        report.Check($"orders: {place} as a customer: Verified Permissions call", decision is not null
            && decision.Request["resource"]?["entityId"]?.GetValue<string>() == petId && decision.Answer["decision"]?.GetValue<string>() == "ALLOW",
            decision is null ? "no IsAuthorized call" : $"IsAuthorized on {decision.Request["resource"]?.ToJsonString()}; Cedar decided {decision.Answer["decision"]}");
        report.Check($"orders: {place} as a customer", status == 201 && orderId is { Length: > 0 }
            && answer!["order"]!["owner"]?.GetValue<string>() == first["principalId"] && answer["order"]!["status"]?.GetValue<string>() == OrderStatus.Placed,
            $"{status}: {CheckReport.Shorten(answer?.ToJsonString() ?? "")}");
        if (orderId is null) return;

        (status, answer) = await InvokeAsync(environment, place, null, body, second);
        report.Check($"orders: {place} of the same pet by another customer", status == 409, $"{status}: {CheckReport.Shorten(answer?.ToJsonString() ?? "")}");

        before = permissions.Calls.Count;
        (status, answer) = await InvokeAsync(environment, Route(RouteTable.Operations.ListOrders), null, null, first);
        var listed = answer?["orders"]?.AsArray().Select(o => o?["id"]?.GetValue<string>()).ToList() ?? [];
        var calls = permissions.Calls.Skip(before).ToList();
        report.Check("orders: the customer's list, from the owner index", status == 200 && listed.SequenceEqual([orderId]) && calls.Count == 1 && !calls[0].Request.ContainsKey("requests"),
            $"{status}: {listed.Count} of {BatchIsAuthorizedRequest.MaxRequests + 1} orders shown after {calls.Count} Verified Permissions calls: {CheckReport.Shorten(answer?.ToJsonString() ?? "")}");

        before = permissions.Calls.Count;
        (status, answer) = await InvokeAsync(environment, Route(RouteTable.Operations.ListOrders), null, null,
            Caller("pool|owner-1", "owner", Groups.Owners), new() { ["limit"] = $"{ListQuery.MaxLimit}" });
        var all = answer?["orders"]?.AsArray().Count ?? 0;
        calls = [.. permissions.Calls.Skip(before)];
        var batches = calls.Count(c => c.Request.ContainsKey("requests"));
        report.Check("orders: an owner's list, the whole table decided in a batch and one by one", status == 200 && all == BatchIsAuthorizedRequest.MaxRequests + 1
            && batches == 1 && calls.Count == 2,
            $"{status}: {all} orders shown; {batches} BatchIsAuthorized and {calls.Count - batches} IsAuthorized calls");
        (status, answer) = await InvokeAsync(environment, Route(RouteTable.Operations.ListOrders), null, null, second);
        report.Check("orders: another customer's list", status == 200 && answer?["orders"]?.AsArray().Count == 0,
            $"{status}: {CheckReport.Shorten(answer?.ToJsonString() ?? "")}");

        var read = Route(RouteTable.Operations.GetOrder);
        (status, answer) = await InvokeAsync(environment, read, orderId, null, second);
        report.Check($"orders: {read.Method} the order as another customer", status == 404, $"{status}: {CheckReport.Shorten(answer?.ToJsonString() ?? "")}");
        (status, answer) = await InvokeAsync(environment, read, orderId, null, first);
        report.Check($"orders: {read.Method} the order as its owner", status == 200 && answer?["id"]?.GetValue<string>() == orderId,
            $"{status}: {CheckReport.Shorten(answer?.ToJsonString() ?? "")}");

        var cancel = Route(RouteTable.Operations.CancelOrder);
        (status, answer) = await InvokeAsync(environment, cancel, orderId, null, first);
        report.Check($"orders: {cancel.Method} the order as its owner", status == 204, $"{status}: {CheckReport.Shorten(answer?.ToJsonString() ?? "")}");
        report.Check("orders: request signatures", permissions.Refusals.Count == 0,
            permissions.Refusals.Count == 0 ? $"all {permissions.Calls.Count} Verified Permissions calls carried a valid SigV4 signature" : string.Join("; ", permissions.Refusals));

        // Read with the AWS SDK's own client: not the code under check.
        var order = (await sdk.GetItemAsync(OrdersTable, new Dictionary<string, AttributeValue> { [OrdersTableAccess.KeyAttribute] = new(orderId) })).Item;
        var pet = (await sdk.GetItemAsync(PetsTable, new Dictionary<string, AttributeValue> { [PetsTableAccess.KeyAttribute] = new(petId) })).Item;
        report.Check("orders: the items in dynalite", order?.GetValueOrDefault("status")?.S == OrderStatus.Cancelled && pet?.GetValueOrDefault("status")?.S == Available,
            $"read directly with the AWS SDK: order status {order?.GetValueOrDefault("status")?.S ?? "none"}, pet status {pet?.GetValueOrDefault("status")?.S ?? "none"}");
    }

    private static Route Route(string operation) => RouteTable.All.Single(r => r.Operation == operation);

    // As API Gateway passes on the authorizer's answer for a customer.
    private static Dictionary<string, string> Customer(string id, string username) => Caller(id, username, Groups.Customers);

    private static Dictionary<string, string> Caller(string id, string username, string group) =>
        new(new CallerPrincipal(id, username, "Users", "person", [group], []).ToContext()) { ["principalId"] = id, ["tenant"] = "" };

    private static async Task<(int Status, JsonObject? Body)> InvokeAsync(ExecutionEnvironment environment, Route route, string? id, string? body,
        Dictionary<string, string> caller, Dictionary<string, string>? query = null)
    {
        var parameter = route.PathParameters.SingleOrDefault();
        var path = parameter is null ? route.Path : route.Path.Replace($"{{{parameter}}}", id);
        var answer = await environment.InvokeAsync(ApiGatewayEvents.Proxy(route.Method, route.Path, path, body,
            pathParameters: parameter is null ? null : new Dictionary<string, string> { [parameter] = id! }, authorizer: caller, query: query));
        if (answer.Kind != "response") return (0, new JsonObject { ["invocation"] = $"{answer.Kind}: {answer.Body}" });
        var (status, decoded) = ApiGatewayEvents.ProxyAnswer(answer.Body);
        return (status, decoded as JsonObject);
    }
}
