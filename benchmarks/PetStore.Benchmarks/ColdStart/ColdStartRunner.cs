using System.Diagnostics;
using System.Globalization;
using PetStore.Testing;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>
/// Cold starts of every function (the authorizer, pets, users, admin, the token trigger), measured from outside: each
/// build variant is published, then a fresh process loads it the way Lambda does and answers one event against a
/// running stand-in downstream where it has one (Verified Permissions, dynalite, cognito-local), many times, with builds, functions and core
/// counts interleaved so that all of them share the machine's moods.
/// </summary>
public static class ColdStartRunner
{
    /// <summary>The baseline build compared with: the handlers framework-dependent with ReadyToRun on the managed runtime, the authorizer its own custom runtime.</summary>
    public const string HandlersBaselineRef = "04bd382e41862cc2835469c1eb1c79a95d68ab6f";

    private const string Region = "eu-west-1";
    private static readonly string ManagedProject = Path.Combine("lambdas", "PetStore.Lambdas", "PetStore.Lambdas.csproj");
    private static readonly string BootstrapProject = Path.Combine("lambdas", "PetStore.Bootstrap", "PetStore.Bootstrap.csproj");
    private static readonly string AuthorizerOnlyProject = Path.Combine("lambdas", "PetStore.Authorizer", "PetStore.Authorizer.csproj");
    private static readonly string[] ManagedRuntime = ["--runtime", "linux-x64", "--self-contained", "false"];

    public static readonly IReadOnlyList<string> FunctionNames = ["authorizer", "pets", "users", "admin", "token-scopes"];

    public static IReadOnlyList<BuildVariant> Builds { get; } =
    [
        new("default", AuthorizerColdStart.BaselineRef, ManagedProject, ManagedRuntime, Set("authorizer"),
            Description: $"the authorizer before its cold-start work ({AuthorizerColdStart.BaselineRef[..7]}), managed runtime, no ReadyToRun"),
        new("before", HandlersBaselineRef, ManagedProject, ManagedRuntime, Set("pets", "users", "admin", "token-scopes"),
            Description: $"the handlers as deployed at the baseline ({HandlersBaselineRef[..7]}): managed runtime, framework-dependent, ReadyToRun"),
        new("own-runtime", HandlersBaselineRef, AuthorizerOnlyProject, ["--runtime", "linux-x64"], Set("authorizer"), CustomRuntime: true,
            Description: $"the authorizer's own custom runtime at the baseline ({HandlersBaselineRef[..7]}): self-contained, trimmed, composite ReadyToRun, the authorizer alone"),
        new("code-only", null, ManagedProject, [.. ManagedRuntime, "-p:PublishReadyToRun=false"], Set(FunctionNames),
            Description: "today's code on the managed runtime without ReadyToRun"),
        new("managed-r2r", null, ManagedProject, ManagedRuntime, Set(FunctionNames),
            Description: "today's code on the managed runtime with ReadyToRun: what lambda.runtime / authorizerRuntime `managed` deploy"),
        new(ColdStartReport.Optimized, null, BootstrapProject, ["--runtime", "linux-x64"], Set(FunctionNames), CustomRuntime: true,
            Description: "what synth deploys by default: one custom runtime for every function (self-contained, trimmed, composite ReadyToRun)"),
    ];

    /// <param name="cores">Core counts to measure: 1 pins each cold start to one core (taskset), as a Lambda function below 1,769 MB gets at most one vCPU.</param>
    /// <param name="onlyBuilds">Run only these builds (e.g. a smoke test of one); all when empty.</param>
    /// <param name="onlyFunctions">Measure only these functions; all when empty.</param>
    /// <param name="alsoRefs">Git refs whose custom runtime is measured too, beside the working tree's (to compare a change).</param>
    /// <param name="jitReport">After measuring, one more cold start each with the runtime's JIT summary: which methods were still compiled at run time.</param>
    public static async Task<int> RunAsync(int runs, IReadOnlyList<int> cores, string repositoryRoot, TextWriter output,
        IReadOnlyCollection<string> onlyBuilds, IReadOnlyCollection<string> onlyFunctions, IReadOnlyCollection<string>? alsoRefs = null,
        bool jitReport = false)
    {
        var extra = (alsoRefs ?? []).Select(gitRef => new BuildVariant($"{ColdStartReport.Optimized}@{gitRef}", gitRef, BootstrapProject, ["--runtime", "linux-x64"],
            Set(FunctionNames), CustomRuntime: true, Description: $"the custom runtime at {gitRef}")).ToList();
        if (onlyBuilds.Except(Builds.Select(b => b.Name)).FirstOrDefault() is { } unknownBuild)
        {
            output.WriteLine($"Unknown build '{unknownBuild}'; choose from {string.Join(", ", Builds.Select(b => b.Name))}.");
            return 2;
        }
        if (onlyFunctions.Except(FunctionNames).FirstOrDefault() is { } unknownFunction)
        {
            output.WriteLine($"Unknown function '{unknownFunction}'; choose from {string.Join(", ", FunctionNames)}.");
            return 2;
        }
        var functionNames = onlyFunctions.Count > 0 ? FunctionNames.Where(onlyFunctions.Contains).ToList() : [.. FunctionNames];
        var builds = Builds.Where(b => (onlyBuilds.Count == 0 || onlyBuilds.Contains(b.Name)) && b.Functions.Overlaps(functionNames)).Concat(extra).ToList();
        if (builds.Count == 0)
        {
            output.WriteLine("No build measures the chosen functions.");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("coldstart-").FullName;
        var functions = new List<ColdStartFunction>();
        try
        {
            output.WriteLine($"Publishing {string.Join(", ", builds.Select(b => b.Name))} to {work} ...");
            var host = Publish(Path.Combine(repositoryRoot, "benchmarks", "PetStore.ColdStart.Host", "PetStore.ColdStart.Host.csproj"), Path.Combine(work, "host"), []);
            var sources = new Dictionary<string, string>();
            var folders = builds.ToDictionary(b => b.Name, b =>
            {
                var root = b.GitRef is null ? repositoryRoot
                    : sources.TryGetValue(b.GitRef, out var extracted) ? extracted
                    : sources[b.GitRef] = Extract(repositoryRoot, b.GitRef, Path.Combine(work, $"src-{b.GitRef[..7]}"));
                return Publish(Path.Combine(root, b.Project), Path.Combine(work, b.Name), b.PublishArguments);
            });

            var tools = NodeTools.NodeTools.Locate(repositoryRoot);
            foreach (var name in functionNames)
            {
                functions.Add(name switch
                {
                    "authorizer" => new AuthorizerColdStart(Region),
                    "pets" => await PetsColdStart.StartAsync(tools, Region),
                    "users" => await UsersColdStart.StartAsync(tools, Region),
                    "admin" => new AdminColdStart(),
                    _ => new TokenScopesColdStart(),
                });
            }

            if (onlyFunctions.Count == 0 && !functions.Select(f => f.Handler).Order().SequenceEqual(PetStore.Contract.FunctionHandlers.All.Order()))
                throw new InvalidOperationException("Every deployed function must have a cold start here: a handler in FunctionHandlers.All has none, or one here is not deployed.");

            var pairs = functions.SelectMany(f => builds.Where(b => b.Functions.Contains(f.Name)).Select(b => (Function: f, Build: b))).ToList();
            var samples = cores.SelectMany(c => pairs.Select(p => (c, p.Function.Name, p.Build.Name))).ToDictionary(k => k, _ => new List<ColdStartSample>());
            // One unmeasured run each, so that every build starts from a warm disk cache.
            foreach (var (function, build) in pairs) await RunOnceAsync(host, folders[build.Name], function, build, cores[0]);
            for (var i = 0; i < runs; i++)
            {
                foreach (var core in i % 2 == 0 ? cores : cores.Reverse())
                    foreach (var (function, build) in i % 2 == 0 ? pairs : Enumerable.Reverse(pairs))
                        samples[(core, function.Name, build.Name)].Add(await RunOnceAsync(host, folders[build.Name], function, build, core));
            }

            ColdStartReport.Write(output, runs, cores, functions, builds, samples);
            if (jitReport)
            {
                var summaries = Directory.CreateTempSubdirectory("coldstart-jit-").FullName;
                output.WriteLine();
                output.WriteLine($"Methods compiled at run time before the first answer (DOTNET_JitDisasmSummary; precompiled code needs none; lists in {summaries}):");
                output.WriteLine("| function | build | methods JIT-compiled | top namespaces |");
                output.WriteLine("| --- | --- | --- | --- |");
                foreach (var (function, build) in pairs)
                {
                    var summary = Path.Combine(summaries, $"{function.Name}-{build.Name}.txt");
                    await RunOnceAsync(host, folders[build.Name], function, build, cores[0],
                        new Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = summary, ["DOTNET_JitDisasmSummary"] = "1" });
                    output.WriteLine($"| {function.Name} | {build.Name} | {JitSummary.Describe(summary)} |");
                }
            }
            output.WriteLine();
            foreach (var function in functions) output.WriteLine(function.Verify());
            return 0;
        }
        finally
        {
            foreach (var function in functions) await function.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static HashSet<string> Set(params IEnumerable<string> names) => [.. names];

    /// <summary>The repository's sources at a git ref, extracted with git archive.</summary>
    private static string Extract(string repositoryRoot, string gitRef, string target)
    {
        Directory.CreateDirectory(target);
        var archive = Path.Combine(target, "sources.tar");
        RunTool("git", ["-C", repositoryRoot, "archive", "--format=tar", "-o", archive, gitRef]);
        RunTool("tar", ["-xf", archive, "-C", target]);
        return target;
    }

    private static void RunTool(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        // Both pipes at once: a tool that fills one while we wait on the other would hang.
        var stderr = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed:{Environment.NewLine}{log}");
    }

    private static string Publish(string project, string output, IReadOnlyList<string> arguments)
    {
        RunTool("dotnet", ["publish", project, "--configuration", "Release", "--output", output, "--nologo", .. arguments]);
        return output;
    }

    private static async Task<ColdStartSample> RunOnceAsync(string host, string bundle, ColdStartFunction function, BuildVariant build, int cores,
        IReadOnlyDictionary<string, string>? diagnostics = null)
    {
        string[] command = build.CustomRuntime
            ? [Path.Combine(bundle, "bootstrap")]
            : ["dotnet", Path.Combine(host, "PetStore.ColdStart.Host.dll"), bundle, function.Handler];
        string[] pinned = cores == 1 ? ["taskset", "-c", "0"] : [];
        string[] wrapper = diagnostics is not null && Environment.GetEnvironmentVariable("COLDSTART_WRAPPER") is { Length: > 0 } w ? [.. w.Replace("{name}", $"{function.Name}-{build.Name}").Split(' ')] : [];
        string[] line = [.. pinned, .. wrapper, .. command];
        var start = new ProcessStartInfo(line[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in line[1..]) start.ArgumentList.Add(argument);
        foreach (var (key, value) in function.Environment) start.Environment[key] = value;
        start.Environment[PetStore.Contract.FunctionVariables.Region] = Region;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        // Lambda names the function's configured handler to a custom runtime in _HANDLER.
        start.Environment["_HANDLER"] = function.Handler;
        foreach (var (key, value) in diagnostics ?? new Dictionary<string, string>()) start.Environment[key] = value;

        // One event per fresh process; asking for another gets 410 Gone, and the managed host stops.
        using var runtimeApi = new LambdaRuntimeApi();
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.Address;
        var answer = runtimeApi.InvokeAsync(function.Event);
        runtimeApi.Complete();
        var launched = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        double? customRuntimeCpu = null;
        if (build.CustomRuntime)
        {
            // A custom runtime serves until Lambda stops it: stop it once it has answered (or died). Its CPU time
            // comes from the kernel, in clock ticks (10 ms).
            await Task.WhenAny(answer, process.WaitForExitAsync());
            if (!process.HasExited)
            {
                customRuntimeCpu = process.TotalProcessorTime.TotalMilliseconds;
                process.Kill(entireProcessTree: true);
            }
        }
        await process.WaitForExitAsync();
        var log = await stdout + await stderr;
        if (!answer.IsCompleted) throw new InvalidOperationException($"The {build.Name} build of {function.Name} never answered:{Environment.NewLine}{log}");
        var result = await answer;
        var (at, kind, body) = result;
        if (function.Problem(kind, body) is { } problem)
            throw new InvalidOperationException($"The {build.Name} build of {function.Name} answered wrongly: {problem}{Environment.NewLine}{log}");

        var wall = Stopwatch.GetElapsedTime(launched, at).TotalMilliseconds;
        // The phases as Lambda draws the line for either runtime: init ends at the first poll for an event, the
        // invocation runs from handing out the event to its answer.
        double? init = runtimeApi.FirstPollAt is { } polled ? Stopwatch.GetElapsedTime(launched, polled).TotalMilliseconds : null;
        double? invoke = result.HandedOutAt is { } handed ? Stopwatch.GetElapsedTime(handed, at).TotalMilliseconds : null;
        if (build.CustomRuntime) return new ColdStartSample(wall, customRuntimeCpu, init, invoke);
        // The bootstrap stand-in reports its CPU time on its last line.
        var timing = (await stderr).Split('\n').Last(l => l.StartsWith("outcome=", StringComparison.Ordinal)).Trim().Split(' ')
            .Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return new ColdStartSample(wall, double.Parse(timing["cpu"], CultureInfo.InvariantCulture), init, invoke);
    }
}
