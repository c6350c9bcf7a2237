using System.Diagnostics;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace PetStoreInfra.Constructs;

/// <summary>
/// Builds the Lambda bundle with the local .NET SDK (<c>dotnet publish</c>), so synth needs no Docker. CDK calls it
/// only when the asset hash has no staged output yet, and never for stacks whose bundling is skipped.
/// </summary>
internal sealed class DotnetBundling(string projectPath, IReadOnlyList<string> publishArguments) : DeputyBase, ILocalBundling
{
    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", projectPath, "--output", outputDir, "--nologo", .. publishArguments])
            start.ArgumentList.Add(argument);
        // `dotnet run` (how cdk.json starts this app) exports MSBuild variables that would steer the inner build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);

        // A first synth publishes for minutes: say what, for which platform, and that it is still at it.
        var runtime = publishArguments.SkipWhile(a => a != "--runtime").Skip(1).FirstOrDefault() ?? "the framework";
        var project = Path.GetFileName(projectPath);
        var started = Stopwatch.StartNew();
        Console.Error.WriteLine($"Bundling {project} for {runtime} (dotnet publish; a first build takes a few minutes)...");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start `dotnet publish`.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        while (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            Console.Error.WriteLine($"  still bundling {project} for {runtime} ({started.Elapsed.TotalSeconds:F0} s)");
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Bundling the Lambda functions failed: `dotnet publish {projectPath}` exited with {process.ExitCode}.{System.Environment.NewLine}" +
                stdout.Result + stderr.Result);
        }
        Console.Error.WriteLine($"Bundled {project} for {runtime} in {started.Elapsed.TotalSeconds:F0} s into {outputDir}");
        return true;
    }
}
