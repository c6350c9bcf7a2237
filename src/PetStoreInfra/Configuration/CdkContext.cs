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
        var json = environments as string ?? JsiiValues.ToJsonNode(environments)!.ToJsonString();
        return ConfigLoader.Parse(json, name, LinesIfFromCdkJson(json));
    }

    /// <summary>
    /// cdk.json's lines, when the environments came from that file (the CLI runs the app in its folder) rather than
    /// from <c>-c environments=...</c>, so that errors name the line to fix.
    /// </summary>
    private static CdkJsonLines? LinesIfFromCdkJson(string environmentsJson)
    {
        var path = Path.Combine(Directory.GetCurrentDirectory(), "cdk.json");
        if (!File.Exists(path)) return null;
        try
        {
            var text = File.ReadAllText(path);
            var inFile = System.Text.Json.Nodes.JsonNode.Parse(text)?["context"]?[ConfigLoader.EnvironmentsKey];
            return System.Text.Json.Nodes.JsonNode.DeepEquals(inFile, System.Text.Json.Nodes.JsonNode.Parse(environmentsJson)) ? CdkJsonLines.Read(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
