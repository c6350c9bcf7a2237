using Amazon.DynamoDBv2;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
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

    private static AmazonDynamoDBClient CreateDynamoClient(FunctionEnvironment environment)
    {
        var config = new AmazonDynamoDBConfig { Timeout = environment.UpstreamTimeout, MaxErrorRetry = 2 };
        if (environment.Optional(FunctionVariables.DynamoDbEndpoint) is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = environment.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(environment.Region);
        }
        return new AmazonDynamoDBClient(config);
    }
}
