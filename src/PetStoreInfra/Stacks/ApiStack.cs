using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using PetStore.Contract;
using PetStoreInfra.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

public sealed record ApiStackProps(
    DeploymentConfig Config,
    FunctionDefaults Functions,
    ITable PetsTable,
    IReadOnlyList<PetStoreUserPool> UserPools,
    PetStoreUserPool SignUpPool);

/// <summary>Stateless: the REST API and the functions behind it, each with only the permissions it uses.</summary>
public sealed class ApiStack : Stack
{
    public PetStoreRestApi Api { get; }
    public IReadOnlyDictionary<Backend, DotnetFunction> Functions { get; }

    public ApiStack(Construct scope, string id, IStackProps stackProps, ApiStackProps props) : base(scope, id, stackProps)
    {
        var config = props.Config;
        var signUpPool = props.SignUpPool;

        var users = new DotnetFunction(this, "UsersFunction", new DotnetFunctionProps(
            props.Functions, FunctionHandlers.Users, "Pet Store POST /users and POST /login",
            new Dictionary<string, string>
            {
                [FunctionVariables.UserPoolId] = signUpPool.UserPool.UserPoolId,
                [FunctionVariables.UserPoolClientId] = signUpPool.Client.UserPoolClientId,
                [FunctionVariables.SignUpConfirmation] = config.SignUpConfirmation.ToString(),
            }));
        users.Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            // Confirm (auto mode), join the customers group, and undo a half-made registration.
            Actions = ["cognito-idp:AdminConfirmSignUp", "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminDeleteUser"],
            Resources = [signUpPool.UserPool.UserPoolArn],
        }));

        var pets = new DotnetFunction(this, "PetsFunction", new DotnetFunctionProps(
            props.Functions, FunctionHandlers.Pets, "Pet Store /pets routes",
            new Dictionary<string, string> { [FunctionVariables.PetsTableName] = props.PetsTable.TableName }));
        pets.Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"],
            Resources = [props.PetsTable.TableArn],
        }));

        var admin = new DotnetFunction(this, "AdminFunction", new DotnetFunctionProps(
            props.Functions, FunctionHandlers.Admin, "Pet Store /admin routes"));

        Functions = new Dictionary<Backend, DotnetFunction>
        {
            [Backend.Users] = users,
            [Backend.Pets] = pets,
            [Backend.Admin] = admin,
        };

        var signedIn = new MethodAuthorization(
            new CognitoUserPoolsAuthorizer(this, "SignedInAuthorizer", new CognitoUserPoolsAuthorizerProps
            {
                CognitoUserPools = [.. props.UserPools.Select(p => (IUserPool)p.UserPool)],
                IdentitySource = "method.request.header.Authorization",
                ResultsCacheTtl = Duration.Minutes(5),
            }),
            [ApiScope.FullName]);

        Api = new PetStoreRestApi(this, "PetStoreApi", new PetStoreRestApiProps(
            config,
            Functions.ToDictionary(f => f.Key, f => (IFunction)f.Value.Function),
            new Dictionary<Access, MethodAuthorization>
            {
                [Access.SignedIn] = signedIn,
                // Until Cedar decides (the authorization stack), policy routes need a signed-in user too.
                [Access.Policy] = signedIn,
            }));

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = Api.Api.Url, Description = "Invoke URL of the stage" });
    }
}
