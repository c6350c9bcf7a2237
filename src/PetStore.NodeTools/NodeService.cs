using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PetStore.NodeTools;

/// <summary>
/// A Node program serving on 127.0.0.1 (dynalite, cognito-local), started through the supervisor so it exits when
/// this process does, and considered ready when it prints its ready line. With a <c>notice</c> callback it is
/// restarted whenever it dies (exits with a code other than 0) after having been ready, each time said through the
/// callback, waiting longer between attempts while it keeps dying. Disposing stops it and waits for it.
/// </summary>
public sealed class NodeService : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ProcessStartInfo _start;
    private readonly Queue<string> _output = new();
    private readonly Func<string, bool> _isReadyLine;
    private readonly Action<string>? _notice;
    private readonly Lock _gate = new();
    private Process _process = null!;
    private TaskCompletionSource _ready = null!;
    private DateTime _readyAt;
    private int _quickDeaths;
    private volatile bool _disposing;
    private volatile bool _restarting = true;
    private Task _restart = Task.CompletedTask;

    private NodeService(ProcessStartInfo start, string name, Func<string, bool> isReadyLine, Action<string>? notice)
    {
        _start = start;
        _isReadyLine = isReadyLine;
        _notice = notice;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The process serving now (another one after a restart).</summary>
    public int ProcessId
    {
        get
        {
            lock (_gate) return _process.Id;
        }
    }

    public bool HasExited
    {
        get
        {
            lock (_gate) return _process.HasExited;
        }
    }

    /// <summary>How many times it was started again after dying.</summary>
    public int Restarts { get; private set; }

    /// <summary>
    /// Starts <paramref name="script"/> and waits until it is ready. With <paramref name="notice"/>, a death after that
    /// is reported through it and followed by a restart with the same arguments.
    /// </summary>
    public static async Task<NodeService> StartAsync(
        NodeTools tools, string name, string script, IEnumerable<string> arguments, Func<string, bool> isReadyLine,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null,
        Action<string>? notice = null)
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

        var service = new NodeService(start, name, isReadyLine, notice);
        try
        {
            await service.LaunchAsync(timeout ?? ReadyTimeout);
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

    /// <summary>Starts the process and waits for its ready line.</summary>
    private async Task LaunchAsync(TimeSpan timeout)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(_start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        lock (_gate)
        {
            _process = process;
            _ready = ready;
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => OnExited(process, ready);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not report ready in time:{Environment.NewLine}{RecentOutput}");
        }
        _readyAt = DateTime.UtcNow;
    }

    private void OnLine(string? line, TaskCompletionSource ready)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept) _output.Dequeue();
        }
        if (_isReadyLine(line)) ready.TrySetResult();
    }

    private void OnExited(Process process, TaskCompletionSource ready)
    {
        var wasReady = ready.Task.IsCompletedSuccessfully;
        ready.TrySetException(new InvalidOperationException(
            $"{Name} exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{RecentOutput}"));
        lock (_gate)
        {
            if (process != _process) return;
        }
        // Code 0 is the supervisor obeying its parent (stdin closed): a stop, not a death to recover from.
        if (_disposing || _notice is null || !wasReady || process.ExitCode == 0) return;
        lock (_gate) _restart = RestartAsync($"exited with code {process.ExitCode}");
    }

    /// <summary>
    /// From now on a death is not recovered from: the host is stopping (Ctrl-C reaches the tools too, before this
    /// process disposes them).
    /// </summary>
    public void StopRestarting() => _restarting = false;

    /// <summary>Starts it again, backing off while it keeps dying soon after starting; gives up only when stopping.</summary>
    private async Task RestartAsync(string why)
    {
        for (var attempt = 0; ; attempt++)
        {
            _quickDeaths = DateTime.UtcNow - _readyAt < StableAfter ? _quickDeaths + 1 : 0;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, _quickDeaths))));
            if (_disposing || !_restarting) return;
            _notice!($"{Name} {why}; restarting it.");
            try
            {
                await LaunchAsync(ReadyTimeout);
                Restarts++;
                _notice($"{Name} restarted (pid {ProcessId}).");
                return;
            }
            catch (Exception e)
            {
                // A launch that failed to get ready: its process is gone or going; try again, unless stopping.
                try { Process? p; lock (_gate) p = _process; if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                why = $"did not start again ({e.GetType().Name}: {e.Message.Split(Environment.NewLine)[0]})";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        Task restart;
        lock (_gate) restart = _restart;
        // A restart under way finishes (or gives up) first, so that the process stopped below is the last one started.
        await restart;
        Process? process;
        lock (_gate) process = _process;
        if (process is null) return;
        if (!process.HasExited)
        {
            // Closing stdin asks the supervisor to exit; kill the tree if it does not.
            try { process.StandardInput.Close(); } catch (IOException) { }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
