using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Aws;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Users;

/// <summary>Lambda entry point of POST /users and POST /login. Handler: <c>PetStore.Lambdas::PetStore.Lambdas.Users.UsersFunction::HandleAsync</c>.</summary>
public sealed class UsersFunction(UsersApi api, JsonLog log)
{
    public UsersFunction() : this(FunctionEnvironment.FromProcess()) { }

    public UsersFunction(FunctionEnvironment environment) : this(environment, JsonLog.ForFunction()) { }

    private UsersFunction(FunctionEnvironment environment, JsonLog log) : this(
        new UsersApi(
            CreateCognitoClient(environment),
            environment.Enum(FunctionVariables.SignUpConfirmation, SignUpConfirmation.Email),
            log,
            SignInPools(environment)),
        log)
    {
    }

    public Task<Stream> HandleAsync(Stream input) => ProxyEntryPoint.HandleAsync(input, api.HandleAsync, log);

    private static CognitoClient CreateCognitoClient(FunctionEnvironment environment) =>
        CreateCognitoClient(environment, environment.Required(FunctionVariables.UserPoolId), environment.Required(FunctionVariables.UserPoolClientId));

    private static CognitoClient CreateCognitoClient(FunctionEnvironment environment, string userPoolId, string clientId) => CognitoClient.Create(
        AwsHttp.Endpoint(environment.Optional(FunctionVariables.CognitoEndpoint), "cognito-idp", environment.Region),
        environment.Region,
        environment.UpstreamTimeout,
        userPoolId,
        clientId);

    /// <summary>Every Cognito pool the API trusts, by its cdk.json name, to sign in to with POST /login's <c>pool</c>.</summary>
    private static Dictionary<string, ICognitoClient> SignInPools(FunctionEnvironment environment) =>
        environment.Optional(FunctionVariables.TrustedIssuers) is { } json
            ? TrustedIssuers.Parse(json).Where(i => i is { Kind: IssuerKind.Cognito, UserPoolId: not null })
                .ToDictionary(p => p.Name, p => (ICognitoClient)CreateCognitoClient(environment, p.UserPoolId!, p.ClientIds[0]))
            : [];
}
