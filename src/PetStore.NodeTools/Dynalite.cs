namespace PetStore.NodeTools;

/// <summary>
/// dynalite: the DynamoDB API on 127.0.0.1, for tests and local mode, with TransactWriteItems added in front of it
/// (<see cref="DynamoTransactions"/>): <see cref="Endpoint"/> is that front, <see cref="DirectEndpoint"/> dynalite itself.
/// </summary>
public sealed class Dynalite : IAsyncDisposable
{
    private readonly NodeService _service;
    private readonly string? _dataDirectory;
    private readonly DynamoTransactions _transactions;

    private Dynalite(NodeService service, int port, string? dataDirectory)
    {
        (_service, DirectEndpoint, _dataDirectory) = (service, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        _transactions = new DynamoTransactions(DirectEndpoint);
    }

    /// <summary>Where to send DynamoDB calls: dynalite, with transactions.</summary>
    public Uri Endpoint => _transactions.Endpoint;

    /// <summary>dynalite without the transaction front (for what must see it as it is).</summary>
    public Uri DirectEndpoint { get; }

    /// <summary>Transactions run, and cancelled, through <see cref="Endpoint"/>.</summary>
    public (int Run, int Cancelled) Transactions => (_transactions.Transactions, _transactions.Cancelled);
    public int ProcessId => _service.ProcessId;
    public int Restarts => _service.Restarts;

    /// <summary>The host is stopping: a death from now on is not recovered from.</summary>
    public void StopRestarting() => _service.StopRestarting();

    /// <summary>
    /// In memory; or, with <paramref name="notice"/>, kept in a LevelDB store in a scratch folder and restarted on it
    /// when it dies (each death and restart said through <paramref name="notice"/>), so nothing written is lost.
    /// </summary>
    public static async Task<Dynalite> StartAsync(NodeTools tools, int? port = null, Action<string>? notice = null)
    {
        var cli = tools.Package("dynalite", "cli.js");
        var chosen = port ?? NodeService.FreePort();
        var dataDirectory = notice is null ? null : Directory.CreateTempSubdirectory("dynalite-").FullName;
        string[] store = dataDirectory is null ? [] : ["--path", Path.Combine(dataDirectory, "db")];
        try
        {
            var service = await NodeService.StartAsync(tools, "dynalite", cli,
                ["--host", "127.0.0.1", "--port", chosen.ToString(), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0", .. store],
                line => line.Contains("listening at", StringComparison.OrdinalIgnoreCase),
                // The supervisor removes it even if this process is killed before it can.
                dataDirectory is null ? null : new Dictionary<string, string> { ["SUPERVISE_REMOVE_ON_EXIT"] = dataDirectory },
                notice: notice);
            return new Dynalite(service, chosen, dataDirectory);
        }
        catch
        {
            if (dataDirectory is not null) Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _transactions.Dispose();
        await _service.DisposeAsync();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }
}
