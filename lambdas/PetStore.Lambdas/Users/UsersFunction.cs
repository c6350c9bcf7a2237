using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Aws;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Users;

/// <summary>Lambda entry point of POST /users and POST /login. Handler: <c>PetStore.Lambdas::PetStore.Lambdas.Users.UsersFunction::HandleAsync</c>.</summary>
public sealed class UsersFunction(UsersApi api, JsonLog log)
{
    public UsersFunction() : this(FunctionEnvironment.FromProcess()) { }

    public UsersFunction(FunctionEnvironment environment) : this(
        new UsersApi(
            CreateCognitoClient(environment),
            environment.Enum(FunctionVariables.SignUpConfirmation, SignUpConfirmation.Email),
            JsonLog.Console),
        JsonLog.Console)
    {
    }

    public Task<Stream> HandleAsync(Stream input) => ProxyEntryPoint.HandleAsync(input, api.HandleAsync, log);

    private static CognitoClient CreateCognitoClient(FunctionEnvironment environment) => CognitoClient.Create(
        AwsHttp.Endpoint(environment.Optional(FunctionVariables.CognitoEndpoint), "cognito-idp", environment.Region),
        environment.Region,
        environment.UpstreamTimeout,
        environment.Required(FunctionVariables.UserPoolId),
        environment.Required(FunctionVariables.UserPoolClientId));
}
