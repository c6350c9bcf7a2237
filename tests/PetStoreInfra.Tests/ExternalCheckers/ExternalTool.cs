using System.Diagnostics;

namespace PetStoreInfra.Tests.ExternalCheckers;

/// <summary>Runs a checker's command line (cfn-lint, node) and collects what it printed.</summary>
public static class ExternalTool
{
    /// <summary>How to get each checker, for the one-line failure when it is not installed.</summary>
    private static readonly Dictionary<string, string> Install = new()
    {
        ["cfn-lint"] = "pip install cfn-lint (Python 3.9+; see the README's prerequisites)",
        ["node"] = "install Node.js 20 or newer, then npm ci",
    };

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
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new Xunit.Sdk.XunitException($"{command} is not installed or not on PATH: {Install.GetValueOrDefault(command, $"install {command}")}.");
        }
        using var process = started ?? throw new InvalidOperationException($"{command} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
