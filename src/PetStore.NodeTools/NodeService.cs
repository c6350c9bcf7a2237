using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PetStore.NodeTools;

/// <summary>
/// A Node program serving on 127.0.0.1 (dynalite, cognito-local), started through the supervisor so it exits when
/// this process does, and considered ready when it prints its ready line. Disposing stops it and waits for it.
/// </summary>
public sealed class NodeService : IAsyncDisposable
{
    private const int OutputLinesKept = 40;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<string, bool> _isReadyLine;

    private NodeService(Process process, string name, Func<string, bool> isReadyLine)
    {
        _process = process;
        _isReadyLine = isReadyLine;
        Name = name;
    }

    public string Name { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public static async Task<NodeService> StartAsync(
        NodeTools tools, string name, string script, IEnumerable<string> arguments, Func<string, bool> isReadyLine,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tools.NodeExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? tools.RepositoryRoot,
        };
        foreach (var argument in (string[])[tools.Supervisor, script, .. arguments]) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var service = new NodeService(process, name, isReadyLine);
        process.OutputDataReceived += (_, e) => service.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => service.OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => service._ready.TrySetException(
            new InvalidOperationException($"{name} exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{service.RecentOutput}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await service._ready.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await service.DisposeAsync();
            throw new TimeoutException($"{name} did not report ready in time:{Environment.NewLine}{service.RecentOutput}");
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    public string RecentOutput
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept) _output.Dequeue();
        }
        if (_isReadyLine(line)) _ready.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing stdin asks the supervisor to exit; kill the tree if it does not.
            try { _process.StandardInput.Close(); } catch (IOException) { }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
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
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
