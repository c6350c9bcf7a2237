using System.Diagnostics;
using PetStore.Configuration;

namespace PetStore.Local.Tests;

/// <summary>
/// Local mode as its own process, started the way the README starts it (the built PetStore.Local.dll with
/// --port and --demo-password), with a private copy of the pinned cedar/ (TestCedar) so tests may edit policies.
/// </summary>
public sealed class LocalProcess : IAsyncDisposable
{
    public const string Password = "Local-Test-Pass-42!";

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalProcess(Process process, int port, string? cedarCopy)
    {
        _process = process;
        Port = port;
        CedarDirectory = cedarCopy;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }
    public int ProcessId => _process.Id;
    public string? CedarDirectory { get; }

    /// <summary>The stage's access log local mode writes (<c>--access-log</c>).</summary>
    public string AccessLogFile { get; private init; } = "";
    public HttpClient Http { get; }
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public static string RepositoryRoot { get; } = RepositoryLayout.Find(AppContext.BaseDirectory).Root;

    /// <summary>The PetStore.Local build that sits beside this test build (same configuration).</summary>
    public static string LocalDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryRoot, "src", "PetStore.Local", "bin", configuration, "net10.0", "PetStore.Local.dll");
        }
    }

    public static async Task<LocalProcess> StartAsync(bool copyCedar = true, IReadOnlyDictionary<string, string>? environment = null,
        bool waitForListening = true, IReadOnlyList<string>? arguments = null)
    {
        string? cedar = null;
        if (copyCedar)
        {
            cedar = PetStore.Testing.TestCedar.Copy(RepositoryRoot);
        }

        var port = PetStore.NodeTools.NodeService.FreePort();
        var accessLog = Path.Combine(Directory.CreateTempSubdirectory("local-access-").FullName, "access.log");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in (string[])[LocalDll, "--port", port.ToString(), "--demo-password", Password, "--access-log", accessLog,
                     .. cedar is null ? [] : (string[])["--cedar", cedar], .. arguments ?? []])
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = Process.Start(start)!;
        var local = new LocalProcess(process, port, cedar) { AccessLogFile = accessLog };
        process.OutputDataReceived += (_, e) => local.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => local.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (waitForListening)
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(local._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
            if (first != local._listening.Task)
            {
                await local.DisposeAsync();
                throw new InvalidOperationException($"Local mode did not start:{Environment.NewLine}{string.Join(Environment.NewLine, local.Lines)}");
            }
        }
        return local;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        if (line.Contains("listening") && line.Contains($"http://127.0.0.1:{Port}")) _listening.TrySetResult();
    }

    /// <summary>Waits for an output line, for at most <paramref name="timeout"/>.</summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, int skip = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Lines.Skip(skip).FirstOrDefault(match) is { } line) return line;
            await Task.Delay(50);
        }
        return null;
    }

    public Task<int> WaitForExitAsync(TimeSpan timeout) =>
        _process.WaitForExitAsync(new CancellationTokenSource(timeout).Token).ContinueWith(_ => _process.ExitCode);

    /// <summary>Every process below this one (Linux /proc), e.g. the emulators and the Cedar engine.</summary>
    public IReadOnlyList<int> Descendants() => DescendantsOf(_process.Id);

    public static IReadOnlyList<int> DescendantsOf(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }
        return found;
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    public void Signal(string signal) => Process.Start("kill", [$"-{signal}", _process.Id.ToString()])!.WaitForExit();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            Signal("TERM");
            if (!_process.WaitForExit(15_000)) _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (CedarDirectory is not null) Directory.Delete(Path.GetDirectoryName(CedarDirectory)!, recursive: true);
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
