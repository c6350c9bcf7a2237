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
    ITable OrdersTable,
    ITable TenantsTable,
    IReadOnlyList<PetStoreUserPool> UserPools,
    PetStoreUserPool SignUpPool,
    PetStorePolicyStore PolicyStore,
    IReadOnlyDictionary<Route, DecisionCachePlan> DecisionCache,
    ListPlan OrdersListPlan,
    string PolicyVersion);

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
        // One description of every issuer the API trusts, for the authorizer and the users function alike.
        var trustedIssuers = TrustedIssuers.ToJson([
            .. props.UserPools.Select(p => p.ToTrustedIssuer()),
            .. config.OidcProviders.Select(p => p.ToTrustedIssuer())]);

        // What the functions' settings and grants name, as deployed (ApiManifest says which function gets which).
        var deployed = new Dictionary<string, string>
        {
            [FunctionVariables.UserPoolId] = signUpPool.UserPool.UserPoolId,
            [FunctionVariables.UserPoolClientId] = signUpPool.Client.UserPoolClientId,
            // POST /login's "pool" signs in to any of them (their app clients allow password sign-in, no secret).
            [FunctionVariables.TrustedIssuers] = trustedIssuers,
            [FunctionVariables.PetsTableName] = props.PetsTable.TableName,
            [FunctionVariables.OrdersTableName] = props.OrdersTable.TableName,
            [FunctionVariables.TenantsTableName] = props.TenantsTable.TableName,
            [FunctionVariables.PolicyStoreId] = props.PolicyStore.PolicyStoreId,
            [FunctionVariables.PolicyScopes] = PolicyScopes.ToJson(props.DecisionCache),
            [FunctionVariables.OrdersListPlan] = props.OrdersListPlan.ToJson(),
            [FunctionVariables.PolicyVersion] = props.PolicyVersion,
        };
        var arns = new Dictionary<GrantTarget, string>
        {
            [GrantTarget.SignUpPool] = signUpPool.UserPool.UserPoolArn,
            [GrantTarget.PetsTable] = props.PetsTable.TableArn,
            [GrantTarget.OrdersTable] = props.OrdersTable.TableArn,
            [GrantTarget.OrdersOwnerIndex] = $"{props.OrdersTable.TableArn}/index/{OrdersTableAccess.OwnerIndex}",
            [GrantTarget.TenantsTable] = props.TenantsTable.TableArn,
            [GrantTarget.PolicyStore] = props.PolicyStore.PolicyStoreArn,
        };
        DotnetFunction Create(FunctionDescription function) => DescribedFunctions.Create(this, function, props.Functions, config, deployed, arns);

        Functions = ApiManifest.Functions.Where(f => f.Role == FunctionRole.Route).ToDictionary(f => f.Backend!.Value, Create);
        var authorizer = AuthorizerFunction = Create(ApiManifest.Authorizer);

        // Signed-in routes take any trusted issuer's token and must return the caller's API key, which the Cognito
        // authorizer can do for neither: the same function answers them, without a Verified Permissions call.
        var signedInPlan = DecisionCacheRule.SignedInPlan(config.Authorization.SignedInCacheTtlSeconds);
        var signedIn = new MethodAuthorization(
            new RequestAuthorizer(this, "SignedInAuthorizer", new RequestAuthorizerProps
            {
                Handler = authorizer.Function,
                IdentitySources = [.. signedInPlan.IdentitySources],
                ResultsCacheTtl = Duration.Seconds(signedInPlan.TtlSeconds),
            }),
            []);

        var policy = PolicyAuthorizers(authorizer.Function, props.DecisionCache);
        var api = new PetStoreRestApi(this, "PetStoreApi", new PetStoreRestApiProps(
            config,
            Functions.ToDictionary(f => f.Key, f => (IFunction)f.Value.Function),
            RouteTable.All.Where(r => r.Access != Access.Public).ToDictionary(r => r, r => r.Access switch
            {
                // Any signed-in caller: the token checked, no chargeable Verified Permissions call. On a resource route
                // the function then decides on the resource it loads.
                Access.SignedIn or Access.Resource => signedIn,
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
    /// belongs to its authorizer. Routes whose policies read no path parameter share one cached plan: "PolicyAuthorizer".
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
}
