using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Aws;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Pets;

/// <summary>Lambda entry point of the pets routes. Handler: <c>PetStore.Lambdas::PetStore.Lambdas.Pets.PetsFunction::HandleAsync</c>.</summary>
public sealed class PetsFunction(PetsApi api, JsonLog log)
{
    public PetsFunction() : this(FunctionEnvironment.FromProcess()) { }

    public PetsFunction(FunctionEnvironment environment) : this(environment, JsonLog.ForFunction()) { }

    private PetsFunction(FunctionEnvironment environment, JsonLog log) : this(
        new PetsApi(new DynamoPetRepository(CreateDynamoClient(environment), environment.Required(FunctionVariables.PetsTableName)), log),
        log)
    {
    }

    public Task<Stream> HandleAsync(Stream input) => ProxyEntryPoint.HandleAsync(input, api.HandleAsync, log);

    private static AwsJsonClient CreateDynamoClient(FunctionEnvironment environment) => DynamoDb.Client(
        AwsHttp.Endpoint(environment.Optional(FunctionVariables.DynamoDbEndpoint), "dynamodb", environment.Region),
        environment.Region,
        environment.UpstreamTimeout);
}
