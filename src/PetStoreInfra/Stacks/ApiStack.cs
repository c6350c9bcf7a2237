using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using PetStore.Contract;
using PetStoreInfra.Compliance;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

public sealed record ApiStackProps(
    DeploymentConfig Config,
    FunctionDefaults Functions,
    ITable PetsTable,
    IReadOnlyList<PetStoreUserPool> UserPools,
    PetStoreUserPool SignUpPool,
    PetStorePolicyStore PolicyStore,
    IReadOnlyDictionary<Route, DecisionCachePlan> DecisionCache);

/// <summary>Stateless: the REST API and the functions behind it, each with only the permissions it uses.</summary>
public sealed class ApiStack : Stack
{
    public RestApi RestApi { get; }
    public ILogGroup AccessLogs { get; }
    public IReadOnlyDictionary<Backend, DotnetFunction> Functions { get; }
    public DotnetFunction AuthorizerFunction { get; }

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
                // POST /login's "pool" signs in to any of them (their app clients allow password sign-in, no secret).
                [FunctionVariables.TrustedUserPools] = TrustedPoolsJson(props.UserPools),
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
            Actions = [.. PetsTableAccess.IamActions],
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

        var authorizer = new DotnetFunction(this, "AuthorizerFunction", new DotnetFunctionProps(
            props.Functions, FunctionHandlers.Authorizer, "Pet Store Lambda authorizer: Cedar policies through Verified Permissions",
            new Dictionary<string, string>
            {
                [FunctionVariables.PolicyStoreId] = props.PolicyStore.PolicyStoreId,
                [FunctionVariables.TrustedUserPools] = TrustedPoolsJson(props.UserPools),
                [FunctionVariables.AvpTimeoutMs] = config.Authorization.AvpTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [FunctionVariables.PolicyScopes] = PolicyScopes.ToJson(props.DecisionCache),
            },
            config.Lambda.AuthorizerMemorySizeMb,
            LambdaPackage.For(config.Lambda.AuthorizerRuntime)));
        authorizer.Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            // Only single decisions, only on this store.
            Actions = ["verifiedpermissions:IsAuthorized"],
            Resources = [props.PolicyStore.PolicyStoreArn],
        }));
        AuthorizerFunction = authorizer;

        var signedIn = new MethodAuthorization(
            new CognitoUserPoolsAuthorizer(this, "SignedInAuthorizer", new CognitoUserPoolsAuthorizerProps
            {
                CognitoUserPools = [.. props.UserPools.Select(p => (IUserPool)p.UserPool)],
                IdentitySource = "method.request.header.Authorization",
                ResultsCacheTtl = Duration.Minutes(5),
            }),
            [ApiScope.FullName]);

        var policy = PolicyAuthorizers(authorizer.Function, props.DecisionCache);
        var api = new PetStoreRestApi(this, "PetStoreApi", new PetStoreRestApiProps(
            config,
            Functions.ToDictionary(f => f.Key, f => (IFunction)f.Value.Function),
            RouteTable.All.Where(r => r.Access != Access.Public).ToDictionary(r => r, r => r.Access switch
            {
                // Any signed-in user: Cognito checks the token and scope, no chargeable Verified Permissions call.
                Access.SignedIn => signedIn,
                _ => policy[r],
            })));

        (RestApi, AccessLogs) = (api.Api, api.AccessLogs);
        ApiAcknowledgements.Apply(api);
        foreach (var function in Functions.Values.Append(authorizer))
            Suppressions.Add(function, "Serverless-LambdaDLQ",
                "API Gateway invokes this function synchronously (proxy integration or REQUEST authorizer) and the caller gets its error; a dead-letter queue only receives failed asynchronous invocations, and there are none.");

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = RestApi.Url, Description = "Invoke URL of the stage" });
    }

    /// <summary>
    /// The Lambda authorizer as API Gateway sees it, one per cache plan (all sharing the one function): a route whose
    /// plan keys differently, or does not cache, needs its own, because a missing identity source is a 401 and a cache
    /// belongs to its authorizer. Today's policies give every policy route the same cached plan: one authorizer,
    /// "PolicyAuthorizer", as before.
    /// </summary>
    private Dictionary<Route, MethodAuthorization> PolicyAuthorizers(IFunction function, IReadOnlyDictionary<Route, DecisionCachePlan> plans)
    {
        var byPlan = new Dictionary<DecisionCachePlan, MethodAuthorization>();
        return plans.ToDictionary(p => p.Key, p =>
        {
            if (byPlan.TryGetValue(p.Value, out var existing)) return existing;
            var id = p.Value.Cached ? "PolicyAuthorizer" : "PolicyAuthorizerUncached";
            if (Node.TryFindChild(id) is not null)
                throw new InvalidOperationException($"Two different cache plans would both be {id}; give the rule's new plan its own authorizer name.");
            return byPlan[p.Value] = new MethodAuthorization(
                new RequestAuthorizer(this, id, new RequestAuthorizerProps
                {
                    Handler = function,
                    // The cache key (DecisionCacheRule): everything a cached answer may depend on.
                    IdentitySources = [.. p.Value.IdentitySources],
                    ResultsCacheTtl = Duration.Seconds(p.Value.TtlSeconds),
                }),
                []);
        });
    }

    /// <summary>The authorizer's TRUSTED_USER_POOLS: each pool's id, app client and the groups it may grant.</summary>
    private string TrustedPoolsJson(IReadOnlyList<PetStoreUserPool> pools) => ToJsonString(pools.Select(p => new Dictionary<string, object>
    {
        ["name"] = p.Config.Name,
        ["userPoolId"] = p.UserPool.UserPoolId,
        ["clientIds"] = new[] { p.Client.UserPoolClientId },
        ["groups"] = p.Config.Groups.ToArray(),
    }).ToArray());
}
