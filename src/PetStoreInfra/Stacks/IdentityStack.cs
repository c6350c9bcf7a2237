using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using PetStore.Contract;
using PetStoreInfra.Compliance;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>Stateful: the Cognito user pools and the trigger that puts the API scope in their access tokens.</summary>
public sealed class IdentityStack : Stack
{
    public IReadOnlyList<PetStoreUserPool> UserPools { get; }

    /// <summary>The pool behind POST /users and POST /login.</summary>
    public PetStoreUserPool SignUpPool => UserPools.Single(p => p.Config.SelfSignUp);

    public IdentityStack(Construct scope, string id, IStackProps props, DeploymentConfig config, FunctionDefaults functions)
        : base(scope, id, props)
    {
        var tokenScopes = DescribedFunctions.Create(this, ApiManifest.TokenScopes, functions, config, new Dictionary<string, string>(), new Dictionary<GrantTarget, string>());
        Suppressions.Add(tokenScopes, "Serverless-LambdaDLQ",
            "Cognito invokes the pre token generation trigger synchronously while it issues tokens, and the sign-in fails if it fails; a dead-letter queue only receives failed asynchronous invocations, and there are none.");

        UserPools =
        [
            .. config.UserPools.Select(pool => new PetStoreUserPool(this, $"{pool.Name}UserPool", new PetStoreUserPoolProps(
                pool,
                config.RetainData,
                config.ThreatProtection,
                config.AccessTokenValidityMinutes,
                config.RefreshTokenValidityDays,
                tokenScopes.Function))),
        ];
        // Deployed Api stacks may still import these ARNs; CloudFormation refuses to delete an export while a stack
        // imports it, and this stack deploys first, so the exports stay.
        foreach (var pool in UserPools) ExportValue(pool.UserPool.UserPoolArn);

        // The onboarding CLI's --user-pool Name=Id, for pools that accept tenants.
        foreach (var pool in UserPools.Where(p => p.Config.Tenants is not null))
            _ = new CfnOutput(this, $"{pool.Config.Name}UserPoolId", new CfnOutputProps { Value = pool.UserPool.UserPoolId, Description = $"--user-pool {pool.Config.Name}=<this> for src/PetStore.Tenants" });
    }
}
