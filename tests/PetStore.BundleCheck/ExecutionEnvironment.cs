using System.Collections.Concurrent;
using System.Diagnostics;
using PetStore.Testing;

namespace PetStore.BundleCheck;

/// <summary>
/// One Lambda execution environment for a deployed function: its bundle started as Lambda starts it (a custom
/// runtime's <c>bootstrap</c>; for the managed .NET runtime, the runtime host given the bundle folder and handler),
/// on the bundle's architecture, behind its own emulated Runtime API. Invocations go through that API, one after the
/// other, to the same process, as in Lambda. Disposing says there is nothing more and stops the process.
/// </summary>
public sealed class ExecutionEnvironment : IAsyncDisposable
{
    private readonly LambdaRuntimeApi _runtimeApi;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TimeSpan _timeout;

    private ExecutionEnvironment(string name, LambdaRuntimeApi runtimeApi, Process process, TimeSpan timeout) =>
        (Name, _runtimeApi, _process, _timeout) = (name, runtimeApi, process, timeout);

    public string Name { get; }
    public int ProcessId => _process.Id;
    public string Output => string.Join(Environment.NewLine, _output);

    /// <param name="managedRuntimeHost">The runtime host for this architecture, for a managed-runtime function.</param>
    /// <param name="variables">Builds the process environment from the Runtime API's address.</param>
    public static ExecutionEnvironment Start(DeployedFunction function, Platform platform, string? managedRuntimeHost,
        Func<string, IReadOnlyDictionary<string, string>> variables, TimeSpan invocationTimeout)
    {
        string[] program = function.Runtime switch
        {
            // A custom runtime runs the bundle's bootstrap; its handler setting is only passed on (_HANDLER).
            var r when r.StartsWith("provided", StringComparison.Ordinal) => [Path.Combine(function.Bundle, "bootstrap")],
            var r when r.StartsWith("dotnet", StringComparison.Ordinal) => [managedRuntimeHost
                ?? throw new BundleCheckException($"{function.LogicalId} runs on {r}: a managed runtime host is needed."), function.Bundle, function.Handler],
            var r => throw new BundleCheckException($"{function.LogicalId}: runtime {r} is not one this check runs."),
        };
        string[] command = [.. platform.Launcher, .. program];
        var runtimeApi = new LambdaRuntimeApi();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = function.Bundle,
        };
        foreach (var argument in command[1..]) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (key, value) in variables(runtimeApi.Address)) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new BundleCheckException($"Could not start {string.Join(' ', command)}.");
        var environment = new ExecutionEnvironment(function.LogicalId, runtimeApi, process, invocationTimeout);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) environment._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) environment._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return environment;
    }

    /// <summary>Sends one event and waits for the function's answer; fails if the process dies or takes too long.</summary>
    public async Task<RuntimeAnswer> InvokeAsync(byte[] payload)
    {
        var answer = _runtimeApi.InvokeAsync(payload);
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(answer, exited, Task.Delay(_timeout));
        if (first == answer) return await answer;
        var why = first == exited ? $"its process exited with code {_process.ExitCode}" : $"no answer within {_timeout.TotalSeconds:F0} s";
        throw new BundleCheckException($"{Name} did not answer ({why}). Its output:{Environment.NewLine}{Output}");
    }

    /// <summary>
    /// The shared libraries whose file name contains <paramref name="name"/> that the process has mapped. Under
    /// qemu-user the guest's libraries are mapped into the emulator's process, so this shows which ones the
    /// function really loaded.
    /// </summary>
    public IReadOnlyList<string> MappedLibraries(string name)
    {
        try
        {
            return [.. File.ReadLines($"/proc/{_process.Id}/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).Contains(name, StringComparison.Ordinal))
                .Select(fields => fields[5]).Distinct()];
        }
        catch (IOException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Nothing more: the runtime's next poll gets 410 Gone. Lambda would freeze or kill it; so do we if it lingers.
        _runtimeApi.Complete();
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _runtimeApi.Dispose();
    }
}
