using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Aws;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Pets;

/// <summary>Lambda entry point of the pets routes. Handler: <c>PetStore.Lambdas::PetStore.Lambdas.Pets.PetsFunction::HandleAsync</c>.</summary>
public sealed class PetsFunction(PetsApi api, JsonLog log)
{
    public PetsFunction() : this(FunctionEnvironment.FromProcess()) { }

    public PetsFunction(FunctionEnvironment environment) : this(environment, JsonLog.ForFunction()) { }

    private PetsFunction(FunctionEnvironment environment, JsonLog log) : this(Create(environment, log), log) { }

    private static PetsApi Create(FunctionEnvironment environment, JsonLog log)
    {
        var stores = Stores.Parse(environment.Required(FunctionVariables.Stores));
        var credentials = AwsHttp.Credentials();
        var permissions = new ResourcePermissions(VerifiedPermissionsClient.Create(environment, credentials),
            environment.Required(FunctionVariables.PolicyStoreId), log, environment.Required(FunctionVariables.PolicyVersion));
        // Pets written before pets had stores are in the first configured store (docs/OPERATIONS.md).
        var repository = new DynamoPetRepository(CreateDynamoClient(environment, credentials), environment.Required(FunctionVariables.PetsTableName), stores[0].Id);
        return new PetsApi(repository, permissions, stores, log);
    }

    public Task<Stream> HandleAsync(Stream input) => ProxyEntryPoint.HandleAsync(input, api.HandleAsync, log);

    private static AwsJsonClient CreateDynamoClient(FunctionEnvironment environment, AwsCredentials credentials) => DynamoDb.Client(
        AwsHttp.Endpoint(environment.Optional(FunctionVariables.DynamoDbEndpoint), "dynamodb", environment.Region),
        environment.Region,
        environment.UpstreamTimeout,
        credentials);
}
