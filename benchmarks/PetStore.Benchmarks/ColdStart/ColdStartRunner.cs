using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PetStore.Contract;
using PetStore.Testing;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>
/// One way to build the function bundle: from which sources (a git ref, or the working tree when null), which
/// project with which publish arguments, and any runtime settings it comes with. A custom-runtime variant is its
/// own bootstrap executable; the others are loaded by the managed runtime's bootstrap stand-in.
/// </summary>
public sealed record BuildVariant(string Name, string? GitRef, string Project, IReadOnlyList<string> PublishArguments,
    IReadOnlyDictionary<string, string> Environment, bool CustomRuntime = false);

/// <summary>
/// Cold start of the authorizer, measured from outside: for each build variant, publish the function, then start a
/// fresh process that loads it the way the Lambda runtime does and answers one authorization request (token
/// validation with a JWKS fetch, one Verified Permissions call), many times, variants interleaved.
/// </summary>
public static class ColdStartRunner
{
    /// <summary>The last commit before the cold-start work: IdentityModel, the SDK's credential chain, no ReadyToRun.</summary>
    public const string BaselineRef = "5a2448d6115569d6e953497185e3f8b983069735";

    private static readonly string ManagedProject = Path.Combine("lambdas", "PetStore.Lambdas", "PetStore.Lambdas.csproj");
    private static readonly string CustomRuntimeProject = Path.Combine("lambdas", "PetStore.Authorizer", "PetStore.Authorizer.csproj");
    private static readonly string[] ManagedRuntime = ["--runtime", "linux-x64", "--self-contained", "false"];

    /// <param name="cores">1 pins each cold start to one core (taskset), as a Lambda function below 1,769 MB gets at most one vCPU.</param>
    /// <param name="only">Run only these variants (a smoke test of one build); all when empty.</param>
    public static async Task<int> RunAsync(int runs, int cores, string repositoryRoot, TextWriter output, IReadOnlyCollection<string>? only = null,
        string baselineRef = BaselineRef)
    {
        // Default: the code and build before the work, published as synth published it then.
        // Code only: today's code on the managed runtime without ReadyToRun, to tell what the code changes bring.
        // Managed R2R: today's code on the managed runtime with ReadyToRun (what `authorizerRuntime: managed` deploys).
        // Optimized: the authorizer's custom runtime as synth publishes it (self-contained, trimmed, composite
        // ReadyToRun; the settings are in its project).
        BuildVariant[] all =
        [
            new("default", baselineRef, ManagedProject, ManagedRuntime, new Dictionary<string, string>()),
            new("code-only", null, ManagedProject, [.. ManagedRuntime, "-p:PublishReadyToRun=false"], new Dictionary<string, string>()),
            new("managed-r2r", null, ManagedProject, ManagedRuntime, new Dictionary<string, string>()),
            new("optimized", null, CustomRuntimeProject, ["--runtime", "linux-x64"], new Dictionary<string, string>(), CustomRuntime: true),
        ];
        var variants = only is { Count: > 0 } ? all.Where(v => only.Contains(v.Name)).ToArray() : all;
        if (variants.Length == 0 || (only is not null && only.Except(all.Select(v => v.Name)).FirstOrDefault() is { } unknown))
        {
            output.WriteLine($"Unknown variant; choose from {string.Join(", ", all.Select(v => v.Name))}.");
            return 2;
        }
        var work = Directory.CreateTempSubdirectory("coldstart-").FullName;
        try
        {
            output.WriteLine($"Publishing to {work} ...");
            var host = Publish(Path.Combine(repositoryRoot, "benchmarks", "PetStore.ColdStart.Host", "PetStore.ColdStart.Host.csproj"), Path.Combine(work, "host"), []);
            var folders = variants.ToDictionary(v => v.Name, v => Publish(
                Path.Combine(Sources(repositoryRoot, v.GitRef, Path.Combine(work, $"{v.Name}-src")), v.Project),
                Path.Combine(work, v.Name),
                v.PublishArguments));

            var tokens = new TestTokens();
            using var endpoints = new AuthorizerEndpoints(tokens.Jwks(), _ => (200, AllowAnswer()), Region);
            var invocationEvent = JsonSerializer.SerializeToUtf8Bytes(new
            {
                type = "REQUEST",
                methodArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/POST/pets",
                resource = "/pets",
                path = "/pets",
                httpMethod = "POST",
                headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {tokens.Access(groups: ["employees"], issuer: endpoints.Issuer)}" },
                pathParameters = new Dictionary<string, string>(),
                requestContext = new { requestId = "cold" },
            });
            var environment = new Dictionary<string, string>(endpoints.FunctionVariables)
            {
                [FunctionVariables.Region] = Region,
                [FunctionVariables.PolicyStoreId] = "ps-cold",
                [FunctionVariables.PolicyScopes] = TestScopes.Json(PolicyScope.Route),
                [FunctionVariables.TrustedIssuers] = endpoints.AuthorizerVariables(tokens)[FunctionVariables.TrustedIssuers],
                [FunctionVariables.TenantsTableName] = AuthorizerEndpoints.TenantsTable,
                [FunctionVariables.InteractiveApiKey] = AuthorizerEndpoints.InteractiveKey,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            };

            var samples = variants.ToDictionary(v => v.Name, _ => new List<Sample>());
            // One unmeasured run each, so both start from a warm disk cache.
            foreach (var variant in variants) await RunAsync(host, folders[variant.Name], invocationEvent, environment, variant, cores);
            for (var i = 0; i < runs; i++)
                foreach (var variant in i % 2 == 0 ? variants : variants.Reverse())
                    samples[variant.Name].Add(await RunAsync(host, folders[variant.Name], invocationEvent, environment, variant, cores));

            Report(samples, runs, cores, output);
            if (samples.TryGetValue("default", out var before) && samples.TryGetValue("optimized", out var after))
            {
                var ratio = Median(before.Select(s => s.WallMs)) / Median(after.Select(s => s.WallMs));
                output.WriteLine($"Default ({baselineRef[..7]}) / optimized (working tree), median wall time: {ratio.ToString("F2", CultureInfo.InvariantCulture)}x");
            }
            if (endpoints.Refusals.Count > 0) throw new InvalidOperationException($"Verified Permissions refused calls: {string.Join("; ", endpoints.Refusals)}");
            output.WriteLine($"Verified Permissions calls: {endpoints.Calls.Count}, each SigV4-signed; every answer was an Allow policy.");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Wall: process start to the answer reaching the Runtime API. The rest as the bootstrap stand-in saw them.</summary>
    private sealed record Sample(double WallMs, double? CpuMs, double? InitMs, double? InvokeMs);

    private const string Region = "eu-west-1";

    /// <summary>The cold start is about the function, not Cedar: every call is allowed.</summary>
    private static System.Text.Json.Nodes.JsonObject AllowAnswer() => new()
    {
        ["decision"] = "ALLOW",
        ["determiningPolicies"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["policyId"] = "employees-create-pets" }),
        ["errors"] = new System.Text.Json.Nodes.JsonArray(),
    };

    /// <summary>The repository's sources at a git ref (extracted with git archive), or the working tree.</summary>
    private static string Sources(string repositoryRoot, string? gitRef, string target)
    {
        if (gitRef is null) return repositoryRoot;
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

    private static async Task<Sample> RunAsync(string host, string function, byte[] invocationEvent, IReadOnlyDictionary<string, string> environment,
        BuildVariant variant, int cores)
    {
        string[] command = variant.CustomRuntime
            ? [Path.Combine(function, "bootstrap")]
            : ["dotnet", Path.Combine(host, "PetStore.ColdStart.Host.dll"), function, FunctionHandlers.Authorizer];
        string[] pinned = cores == 1 ? ["taskset", "-c", "0"] : [];
        string[] line = [.. pinned, .. command];
        var start = new ProcessStartInfo(line[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in line[1..]) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment.Concat(variant.Environment)) start.Environment[key] = value;

        // One event per fresh process; asking for another gets 410 Gone, and the runtime stops.
        using var runtimeApi = new LambdaRuntimeApi();
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.Address;
        var answer = runtimeApi.InvokeAsync(invocationEvent);
        runtimeApi.Complete();
        var launched = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        double? customRuntimeCpu = null;
        if (variant.CustomRuntime)
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
        if (!answer.IsCompleted) throw new InvalidOperationException($"The {variant.Name} build never answered:{Environment.NewLine}{log}");
        var (at, kind, body) = await answer;

        if (kind != "response" || !body.Contains("\"Effect\":\"Allow\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"The {variant.Name} build did not allow the request ({kind}): {body}{Environment.NewLine}{log}");
        var wall = Stopwatch.GetElapsedTime(launched, at).TotalMilliseconds;
        // Only the bootstrap stand-in reports its phases; the custom runtime is measured from outside.
        if (variant.CustomRuntime) return new Sample(wall, customRuntimeCpu, null, null);
        var timing = (await stderr).Split('\n').Last(l => l.StartsWith("outcome=", StringComparison.Ordinal)).Trim().Split(' ')
            .Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return new Sample(wall,
            double.Parse(timing["cpu"], CultureInfo.InvariantCulture),
            double.Parse(timing["init"], CultureInfo.InvariantCulture),
            double.Parse(timing["invoke"], CultureInfo.InvariantCulture));
    }

    private static string Publish(string project, string output, IReadOnlyList<string> arguments)
    {
        RunTool("dotnet", ["publish", project, "--configuration", "Release", "--output", output, "--nologo", .. arguments]);
        return output;
    }

    private static void Report(Dictionary<string, List<Sample>> samples, int runs, int cores, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Cold start, {runs} fresh processes per build ({System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}, " +
            $"{(cores == 1 ? "pinned to 1 core" : $"{Environment.ProcessorCount} cores")}, {DateTime.UtcNow:yyyy-MM-dd}):");
        output.WriteLine("| build | cold start median (ms) | p10–p90 (ms) | min–max (ms) | CPU time median (ms) | function init median (ms) | first invoke median (ms) |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (name, list) in samples)
        {
            var wall = list.Select(s => s.WallMs).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Median(wall):F0} | {Percentile(wall, 10):F0}–{Percentile(wall, 90):F0} | {wall[0]:F0}–{wall[^1]:F0} | {Phase(list, s => s.CpuMs)} | {Phase(list, s => s.InitMs)} | {Phase(list, s => s.InvokeMs)} |"));
        }
    }

    private static string Phase(List<Sample> samples, Func<Sample, double?> phase) =>
        samples.Select(phase).OfType<double>().ToList() is { Count: > 0 } values ? Median(values).ToString("F0", CultureInfo.InvariantCulture) : "—";

    internal static double Median(IEnumerable<double> values) => Percentile([.. values.Order()], 50);

    internal static double Percentile(IReadOnlyList<double> sorted, int percentile)
    {
        var rank = percentile / 100.0 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
