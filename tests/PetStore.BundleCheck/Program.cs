using PetStore.BundleCheck;
using PetStore.Cedar;
using PetStore.Contract;
using PetStore.Local;
using PetStore.NodeTools;

// usage: PetStore.BundleCheck [cloud assembly folder, default cdk.out]
// Exit codes: 0 every check passed, 1 a check failed, 2 the check could not run (the message says why).
if (args.Length > 1 || args is ["-h" or "--help"])
{
    Console.Error.WriteLine("usage: dotnet run --project tests/PetStore.BundleCheck -- [cloud assembly folder, default cdk.out]");
    return 2;
}

// Only ever local credentials: nothing in this process may reach a real AWS account.
Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "local");
Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "local");
Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

var report = new CheckReport(Console.Out);
try
{
    var launcher = new FunctionLauncher(NodeTools.Locate().RepositoryRoot, report, invocationTimeout: TimeSpan.FromMinutes(3));
    var tools = NodeTools.Locate();
    // The real Cedar engine on cedar/, for the authorizer's and the pets function's decisions.
    using var engine = CedarEngine.Start(tools);
    using var policyStore = new PolicyStoreStandIn(engine, Path.Combine(tools.RepositoryRoot, "cedar"), TextWriter.Null);
    var assembly = CloudAssembly.Read(args.Length == 1 ? Path.GetFullPath(args[0]) : Path.Combine(tools.RepositoryRoot, "cdk.out"));
    var authorizer = assembly.LambdaAuthorizers.Distinct().Select(a => assembly.Functions.Single(f => f.Stack == a.Stack && f.LogicalId == a.FunctionLogicalId))
        .SingleOrDefault() ?? throw new BundleCheckException($"{assembly.Directory}: no function is the API's Lambda authorizer.");
    // Every function of the manifest, each with its check; a new function fails here until it has one.
    var checks = new Dictionary<FunctionDescription, (string Section, Func<DeployedFunction, Task> Run)>
    {
        [ApiManifest.Users] = ("register and log in against cognito-local", f => UsersCheck.RunAsync(f, launcher, tools, report)),
        [ApiManifest.Pets] = ("decide on the store with Cedar, create and read a pet in dynalite", f => PetsCheck.RunAsync(f, launcher, tools, policyStore, report)),
        [ApiManifest.Orders] = ("place, list, read and cancel an order, decided with Cedar, in dynalite", f => OrdersCheck.RunAsync(f, launcher, tools, policyStore, report)),
        [ApiManifest.Admin] = ("an admin path", f => DownstreamFreeCheck.AdminAsync(f, launcher, report)),
        [ApiManifest.TokenScopes] = ("a token generation", f => DownstreamFreeCheck.TokenScopesAsync(f, launcher, report)),
    };
    if (ApiManifest.Functions.Except([ApiManifest.Authorizer]).FirstOrDefault(f => !checks.ContainsKey(f)) is { } missing)
        throw new BundleCheckException($"The {missing} function has no bundle check: add one in tests/PetStore.BundleCheck/Program.cs.");
    var deployed = checks.Keys.ToDictionary(f => f, f => ByHandler(f.Handler));
    DeployedFunction[] checkedFunctions = [authorizer, .. deployed.Values];
    var platforms = checkedFunctions.Select(f => f.Architecture).Distinct().ToDictionary(a => a, Platform.For);

    Console.WriteLine($"Bundle check of {assembly.Directory}");
    foreach (var function in checkedFunctions)
        Console.WriteLine($"  {function.Stack}/{function.LogicalId}: {function.Runtime} {function.Handler}, {platforms[function.Architecture]}, bundle {Path.GetFileName(function.Bundle)}");
    if (platforms.Values.Any(p => p.Emulated))
        Console.WriteLine("  Under emulation every step is many times slower than on the real CPU: no timing here is a performance figure.");

    report.Section("binaries: every native file and precompiled image is for the function's architecture");
    foreach (var bundle in checkedFunctions.DistinctBy(f => f.Bundle))
    {
        var binaries = BundleBinaries.Read(bundle.Bundle, bundle.Architecture);
        report.Check($"binaries of {Path.GetFileName(bundle.Bundle)}", binaries.WrongArchitecture.Count == 0 && binaries.PrecompiledImages > 0,
            binaries.WrongArchitecture.Count > 0 ? $"not {bundle.Architecture}: {string.Join(", ", binaries.WrongArchitecture)}"
            : $"{binaries.ElfFiles} ELF files and {binaries.PrecompiledImages} ReadyToRun images, all {bundle.Architecture}" +
              (binaries.PrecompiledImages == 0 ? "; but no ReadyToRun code, though every bundle is published ReadyToRun" : ""));
    }


    report.Section($"authorizer ({authorizer.Runtime}): Allow, Deny, 401");
    await Guarded("authorizer", () => AuthorizerCheck.RunAsync(authorizer, launcher, policyStore, report));

    foreach (var (function, check) in checks)
    {
        report.Section($"{function.Name.ToLowerInvariant()} ({deployed[function].Runtime}): {check.Section}");
        await Guarded(function.Name, () => check.Run(deployed[function]));
    }

    DeployedFunction ByHandler(string handler) => assembly.Functions.FirstOrDefault(f => f.Handler == handler)
        ?? throw new BundleCheckException($"{assembly.Directory}: no function has the handler {handler}.");
}
catch (Exception e) when (e is BundleCheckException or MissingPrerequisiteException or CedarPolicyException)
{
    Console.Error.WriteLine($"The bundle check could not run: {e.Message}");
    return 2;
}

Console.WriteLine(report.Failed == 0
    ? $"Bundle check: all {report.Passed} checks passed."
    : $"Bundle check FAILED: {report.Failed} of {report.Passed + report.Failed} checks failed.");
return report.Failed == 0 ? 0 : 1;

// A function that dies or hangs fails its checks, and the others still run.
async Task Guarded(string name, Func<Task> check)
{
    try
    {
        await check();
    }
    catch (BundleCheckException e)
    {
        report.Check(name, false, e.Message);
    }
}
