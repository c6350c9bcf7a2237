using PetStore.Configuration;

namespace PetStoreInfra.Configuration;

/// <summary>The deployment configuration as the CDK app receives it: from CDK context (cdk.json, overridable with <c>-c</c>).</summary>
public static class CdkContext
{
    /// <summary>
    /// Reads the environment named by the <c>env</c> context key (default <c>dev</c>). The CDK CLI passes
    /// <c>-c environments=&lt;JSON&gt;</c> as a string: that is read as the JSON it holds, so a variant of cdk.json's
    /// environments (e.g. another Lambda architecture, tools/bundles/check.sh) can be synthesized without editing it.
    /// </summary>
    public static DeploymentConfig ReadConfig(global::Constructs.Node node)
    {
        var name = node.TryGetContext(ConfigLoader.EnvironmentKey) as string ?? ConfigLoader.DefaultEnvironment;
        var environments = node.TryGetContext(ConfigLoader.EnvironmentsKey)
            ?? throw new ConfigurationException($"cdk.json: context key '{ConfigLoader.EnvironmentsKey}' is missing.");
        return ConfigLoader.Parse(environments as string ?? JsiiValues.ToJsonNode(environments)!.ToJsonString(), name);
    }
}
