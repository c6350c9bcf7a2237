using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using PetStore.Configuration;
using PetStoreInfra.Configuration;

namespace PetStoreInfra.Constructs;

/// <summary>What every function in the app shares: code, runtime, architecture, memory, timeout, logs.</summary>
public sealed record FunctionDefaults(LambdaBundle Bundle, LambdaConfig Lambda, RetentionDays LogRetention, RemovalPolicy LogRemovalPolicy)
{
    public static FunctionDefaults For(DeploymentConfig config, LambdaBundle bundle) => new(
        bundle,
        config.Lambda,
        LogRetentionDays.ToRetentionDays(config.LogRetentionDays),
        config.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
}
