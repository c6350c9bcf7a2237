using System.Diagnostics;

namespace PetStore.BundleCheck;

/// <summary>
/// The stand-in for the managed <c>dotnet10</c> runtime: the cold-start benchmark's runtime host
/// (benchmarks/PetStore.ColdStart.Host), published self-contained for the bundle's architecture with the .NET runtime
/// pack from NuGet, as Lambda brings its own .NET. The framework-dependent bundle runs on it unchanged.
/// </summary>
public static class ManagedRuntimeHost
{
    private const string Project = "benchmarks/PetStore.ColdStart.Host/PetStore.ColdStart.Host.csproj";

    /// <summary>Publishes the host for <paramref name="platform"/> (incrementally, next to this program) and returns its executable.</summary>
    public static string Publish(string repositoryRoot, Platform platform)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "managed-runtime-host", platform.RuntimeIdentifier);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["publish", Path.Combine(repositoryRoot, Project), "--configuration", "Release", "--nologo",
                     "--runtime", platform.RuntimeIdentifier, "--self-contained", "true", "--output", output])
            start.ArgumentList.Add(argument);
        // `dotnet run` exports MSBuild variables that would steer the inner build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start) ?? throw new BundleCheckException("Could not start `dotnet publish`.");
        var stderr = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new BundleCheckException($"Publishing the managed runtime host for {platform.RuntimeIdentifier} failed:{Environment.NewLine}{log}");
        return Path.Combine(output, "PetStore.ColdStart.Host");
    }
}
