using Amazon.CDK;
using PetStore.Cedar;
using PetStoreInfra.Compliance;
using PetStore.Configuration;
using PetStoreInfra.Constructs;
using PetStoreInfra.Stacks;

namespace PetStoreInfra;

/// <summary>Builds every stack of one environment. Program.cs and the tests both call this, so tests synthesize the real app.</summary>
public static class PetStoreApp
{
    public static PetStoreStacks Build(App app, DeploymentConfig config, LambdaBundle lambdas, PolicyStoreDefinition policies)
    {
        Tags.Of(app).Add("project", "PetStore");
        Tags.Of(app).Add("environment", config.Name);

        var prefix = $"PetStore-{config.Name}";
        var functions = FunctionDefaults.For(config, lambdas);

        StackProps Props(string description, bool stateful, string? region = null) => new()
        {
            Env = new Amazon.CDK.Environment
            {
                Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
                Region = region ?? config.Region,
            },
            Description = description,
            TerminationProtection = stateful && config.RetainData,
            // The edge web ACL (us-east-1) is handed to the distribution in the API's region.
            CrossRegionReferences = true,
        };

        var data = new DataStack(app, $"{prefix}-Data", Props("Pet Store data: the pets table and the tenant registry", stateful: true), config);
        var identity = new IdentityStack(app, $"{prefix}-Identity", Props("Pet Store identity: Cognito user pools", stateful: true), config, functions);
        var authorization = new AuthorizationStack(app, $"{prefix}-Authorization",
            Props("Pet Store authorization: Verified Permissions policy store from cedar/", stateful: false), policies, config);
        var api = new ApiStack(app, $"{prefix}-Api", Props("Pet Store API: REST API and functions", stateful: false),
            new ApiStackProps(config, functions, data.PetsTable, data.OrdersTable, data.TenantsTable, identity.UserPools, identity.SignUpPool, authorization.PolicyStore,
                policies.Inputs.Plans(config.Authorization.CacheTtlSeconds), policies.Inputs.OrdersListPlan, policies.Version));

        var edge = new EdgeStack(app, $"{prefix}-Edge", Props("Pet Store edge: CloudFront web ACL (us-east-1)", stateful: false, EdgeStack.EdgeRegion), config);
        var perimeter = new PerimeterStack(app, $"{prefix}-Perimeter", Props("Pet Store perimeter: CloudFront distribution and origin lock", stateful: false),
            new PerimeterStackProps(config, api.RestApi, edge.WebAclArn));
        var operations = new OperationsStack(app, $"{prefix}-Operations", Props("Pet Store operations: alarms and dashboard", stateful: false),
            new OperationsStackProps(config, api.RestApi, api.AccessLogs, api.Functions, api.AuthorizerFunction, data.PetsTable, data.OrdersTable, perimeter.OriginWebAclName));

        var stacks = new PetStoreStacks(data, identity, authorization, api, edge, perimeter, operations);
        Suppress(stacks, config);
        foreach (var stack in stacks.All)
        {
            PreparedStackHook.Add(stack, () =>
            {
                CdkProviderHardening.Apply(stack, config.LogRetentionDays, config.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
                NagMetadata.Write(stack);
            });
        }
        return stacks;
    }

    /// <summary>Rules this app knowingly does not meet, each with its reason (the compliance report lists them).</summary>
    private static void Suppress(PetStoreStacks stacks, DeploymentConfig config)
    {
        if (config.Lambda.ReservedConcurrency is null)
            foreach (var stack in stacks.All)
                Suppressions.Add(stack, "PetStore-LMB-ReservedConcurrency",
                    $"{config.Name} reserves no concurrency: new accounts have 10 concurrent executions and reserving any would fail deployment (set lambda.reservedConcurrency).");
        if (config.ThreatProtection != ThreatProtectionMode.Enforced)
            Suppressions.Add(stacks.Identity, "PetStore-COG-ThreatProtection",
                $"{config.Name} runs threatProtection '{config.ThreatProtection.ToString().ToLowerInvariant()}' (set threatProtection: enforced, as prod does).");
        if (config.ThreatProtection == ThreatProtectionMode.Off)
            Suppressions.Add(stacks.Identity, "AwsSolutions-COG8",
                $"{config.Name} has threat protection off and stays on the Essentials plan, which costs less per user; prod enforces threat protection on the Plus plan.");
    }
}
