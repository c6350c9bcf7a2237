namespace PetStore.NodeTools;

/// <summary>
/// cognito-local: a Cognito user pools emulator on 127.0.0.1. It keeps its data in <c>.cognito/</c> under its
/// working directory, so each instance gets a fresh temporary directory, removed on dispose. With a <c>notice</c>
/// callback it is restarted on that data when it dies.
/// </summary>
public sealed class CognitoLocal : IAsyncDisposable
{
    private readonly NodeService _service;
    private readonly string _workingDirectory;

    private CognitoLocal(NodeService service, int port, string workingDirectory)
    {
        _service = service;
        _workingDirectory = workingDirectory;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Endpoint { get; }
    public int ProcessId => _service.ProcessId;
    public int Restarts => _service.Restarts;

    /// <summary>The host is stopping: a death from now on is not recovered from.</summary>
    public void StopRestarting() => _service.StopRestarting();

    public static async Task<CognitoLocal> StartAsync(NodeTools tools, int? port = null, IEnumerable<string>? preloads = null,
        IReadOnlyDictionary<string, string>? environment = null, Action<string>? notice = null)
    {
        var start = tools.Package("cognito-local", Path.Combine("lib", "bin", "start.js"));
        var chosen = port ?? NodeService.FreePort();
        var workingDirectory = Directory.CreateTempSubdirectory("cognito-local-").FullName;
        // Pools sign in by username, as ours do; cognito-local's default would make every username an email.
        Directory.CreateDirectory(Path.Combine(workingDirectory, ".cognito"));
        await File.WriteAllTextAsync(Path.Combine(workingDirectory, ".cognito", "config.json"),
            """{"UserPoolDefaults":{"UsernameAttributes":[]}}""");
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = chosen.ToString(),
            ["NODE_NO_WARNINGS"] = "1",
            // The supervisor removes it even if this process is killed before it can.
            ["SUPERVISE_REMOVE_ON_EXIT"] = workingDirectory,
        };
        if (preloads?.ToList() is { Count: > 0 } modules)
            variables["NODE_OPTIONS"] = string.Join(' ', modules.Select(m => $"--require \"{m}\""));
        try
        {
            var service = await NodeService.StartAsync(tools, "cognito-local", start, [],
                line => line.Contains("Cognito Local running on", StringComparison.Ordinal),
                variables, workingDirectory, notice: notice);
            return new CognitoLocal(service, chosen, workingDirectory);
        }
        catch
        {
            Directory.Delete(workingDirectory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        if (Directory.Exists(_workingDirectory)) Directory.Delete(_workingDirectory, recursive: true);
    }
}
