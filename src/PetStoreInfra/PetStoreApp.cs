using Amazon.CDK;
using PetStore.Cedar;
using PetStoreInfra.Configuration;
using PetStoreInfra.Constructs;
using PetStoreInfra.Stacks;

namespace PetStoreInfra;

/// <summary>The app's stacks, as <see cref="PetStoreApp.Build"/> wires them.</summary>
public sealed record PetStoreStacks(DataStack Data, IdentityStack Identity, AuthorizationStack Authorization, ApiStack Api);

/// <summary>Builds every stack of one environment. Program.cs and the tests both call this, so tests synthesize the real app.</summary>
public static class PetStoreApp
{
    public static PetStoreStacks Build(App app, DeploymentConfig config, LambdaBundle lambdas, PolicyStoreDefinition policies)
    {
        Tags.Of(app).Add("project", "PetStore");
        Tags.Of(app).Add("environment", config.Name);

        var prefix = $"PetStore-{config.Name}";
        var environment = TargetEnvironment();
        var functions = FunctionDefaults.For(config, lambdas);

        StackProps Props(string description, bool stateful) => new()
        {
            Env = environment,
            Description = description,
            TerminationProtection = stateful && config.RetainData,
        };

        var data = new DataStack(app, $"{prefix}-Data", Props("Pet Store data: the pets table", stateful: true), config);
        var identity = new IdentityStack(app, $"{prefix}-Identity", Props("Pet Store identity: Cognito user pools", stateful: true), config, functions);
        var authorization = new AuthorizationStack(app, $"{prefix}-Authorization",
            Props("Pet Store authorization: Verified Permissions policy store from cedar/", stateful: false), policies);
        var api = new ApiStack(app, $"{prefix}-Api", Props("Pet Store API: REST API and functions", stateful: false),
            new ApiStackProps(config, functions, data.Pets.Table, identity.UserPools, identity.SignUpPool, authorization.PolicyStore));

        return new PetStoreStacks(data, identity, authorization, api);
    }

    /// <summary>The account and region the CDK CLI resolved, when it did; otherwise environment-agnostic stacks.</summary>
    private static Amazon.CDK.Environment? TargetEnvironment()
    {
        var account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT");
        var region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION");
        return account is null && region is null ? null : new Amazon.CDK.Environment { Account = account, Region = region };
    }
}
