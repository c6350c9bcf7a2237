using System.Diagnostics;

namespace PetStoreInfra.Tests.ExternalCheckers;

/// <summary>Runs a checker's command line (cfn-lint, node) and collects what it printed.</summary>
public static class ExternalTool
{
    public static (int ExitCode, string Output) Run(string command, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
