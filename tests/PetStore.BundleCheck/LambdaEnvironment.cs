using System.Text.Json.Nodes;

namespace PetStore.BundleCheck;

/// <summary>
/// The environment a function process gets, built as Lambda builds it: Lambda's own variables, then the template's.
/// A literal value is passed as deployed. A CloudFormation expression (a table name, a pool id) is replaced with the
/// stand-in's value, and only for variables the template declares: a variable the template forgot stays missing
/// here too. Credentials and endpoint overrides stand for AWS itself and come last. Nothing is inherited from the
/// machine (no real AWS credentials can leak in).
/// </summary>
public static class LambdaEnvironment
{
    /// <summary>The variables, or the template variables the check has no local value for.</summary>
    public static (IReadOnlyDictionary<string, string> Variables, IReadOnlyList<string> Problems) For(
        DeployedFunction function, string runtimeApi, IReadOnlyDictionary<string, string> localValues, IReadOnlyDictionary<string, string> aws)
    {
        var variables = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["AWS_REGION"] = function.Region,
            ["AWS_DEFAULT_REGION"] = function.Region,
            ["AWS_LAMBDA_FUNCTION_NAME"] = function.LogicalId,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySizeMb.ToString(),
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
            ["LAMBDA_TASK_ROOT"] = function.Bundle,
            ["_HANDLER"] = function.Handler,
        };
        var problems = new List<string>();
        foreach (var (name, value) in function.Variables)
        {
            if (value is JsonValue literal && literal.TryGetValue<string>(out var text)) variables[name] = text;
            else if (localValues.TryGetValue(name, out var local)) variables[name] = local;
            else problems.Add($"{name} is set from {value?.ToJsonString()}; the check has no local value for it");
        }
        foreach (var (name, value) in aws) variables[name] = value;
        // qemu-user reads its own settings (e.g. QEMU_LD_PREFIX for a sysroot) from the environment.
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith("QEMU_", StringComparison.Ordinal)))
            variables[name] = value ?? "";
        return (variables, problems);
    }
}
