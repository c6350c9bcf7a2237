using PetStore.Aws;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Logging;
using PetStore.Lambdas.Pets;

namespace PetStore.Lambdas.Orders;

/// <summary>Lambda entry point of the orders routes. Handler: <c>PetStore.Lambdas::PetStore.Lambdas.Orders.OrdersFunction::HandleAsync</c>.</summary>
public sealed class OrdersFunction(OrdersApi api, JsonLog log)
{
    public OrdersFunction() : this(FunctionEnvironment.FromProcess()) { }

    public OrdersFunction(FunctionEnvironment environment) : this(environment, JsonLog.ForFunction()) { }

    private OrdersFunction(FunctionEnvironment environment, JsonLog log) : this(Create(environment, log), log) { }

    public Task<Stream> HandleAsync(Stream input) => ProxyEntryPoint.HandleAsync(input, api.HandleAsync, log);

    private static OrdersApi Create(FunctionEnvironment environment, JsonLog log)
    {
        var stores = Stores.Parse(environment.Required(FunctionVariables.Stores));
        var credentials = AwsHttp.Credentials();
        var dynamo = DynamoDb.Client(AwsHttp.Endpoint(environment.Optional(FunctionVariables.DynamoDbEndpoint), "dynamodb", environment.Region),
            environment.Region, environment.UpstreamTimeout, credentials);
        var petsTable = environment.Required(FunctionVariables.PetsTableName);
        var permissions = new ResourcePermissions(VerifiedPermissionsClient.Create(environment, credentials), environment.Required(FunctionVariables.PolicyStoreId), log,
            environment.Required(FunctionVariables.PolicyVersion));
        return new OrdersApi(
            new DynamoOrderRepository(dynamo, environment.Required(FunctionVariables.OrdersTableName), petsTable),
            new DynamoPetRepository(dynamo, petsTable, stores[0].Id), permissions, stores,
            ListPlan.Parse(environment.Required(FunctionVariables.OrdersListPlan)), log);
    }
}
