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

    private static CognitoClient CreateCognitoClient(FunctionEnvironment environment)
    {
        var region = environment.Region;
        var timeout = environment.UpstreamTimeout;
        var endpoint = AwsHttp.Endpoint(environment.Optional(FunctionVariables.CognitoEndpoint), "cognito-idp", region);
        return new CognitoClient(
            new AwsJsonClient(AwsHttp.Plain(timeout), endpoint, CognitoClient.TargetPrefix, CognitoClient.JsonVersion),
            new Lazy<AwsJsonClient>(() => new AwsJsonClient(
                AwsHttp.Signed(CognitoClient.SigningService, region, timeout), endpoint, CognitoClient.TargetPrefix, CognitoClient.JsonVersion)),
            environment.Required(FunctionVariables.UserPoolId),
            environment.Required(FunctionVariables.UserPoolClientId));
    }
}
