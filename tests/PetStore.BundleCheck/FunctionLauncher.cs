namespace PetStore.BundleCheck;

/// <summary>
/// Starts execution environments for deployed functions: picks the platform for the function's architecture,
/// publishes the managed runtime host for it once, and reports whether the template's variables could all be given.
/// </summary>
public sealed class FunctionLauncher(string repositoryRoot, CheckReport report, TimeSpan invocationTimeout)
{
    private readonly Dictionary<string, string> _hosts = [];

    public ExecutionEnvironment Start(string name, DeployedFunction function, IReadOnlyDictionary<string, string> localValues,
        IReadOnlyDictionary<string, string> aws)
    {
        var platform = Platform.For(function.Architecture);
        string? host = null;
        if (function.Runtime.StartsWith("dotnet", StringComparison.Ordinal) && !_hosts.TryGetValue(platform.RuntimeIdentifier, out host))
            _hosts[platform.RuntimeIdentifier] = host = ManagedRuntimeHost.Publish(repositoryRoot, platform);

        IReadOnlyList<string> problems = [];
        var environment = ExecutionEnvironment.Start(function, platform, host, runtimeApi =>
        {
            var (variables, missing) = LambdaEnvironment.For(function, runtimeApi, localValues, aws);
            problems = missing;
            return variables;
        }, invocationTimeout);
        report.Check($"{name}: environment", problems.Count == 0, problems.Count == 0
            ? $"{function.Variables.Count} template variables, each as deployed or from its stand-in"
            : string.Join("; ", problems));
        return environment;
    }
}
