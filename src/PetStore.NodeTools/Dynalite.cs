namespace PetStore.NodeTools;

/// <summary>dynalite: the DynamoDB API in memory on 127.0.0.1, for tests and local mode.</summary>
public sealed class Dynalite : IAsyncDisposable
{
    private readonly NodeService _service;

    private Dynalite(NodeService service, int port) => (_service, Endpoint) = (service, new Uri($"http://127.0.0.1:{port}"));

    public Uri Endpoint { get; }
    public int ProcessId => _service.ProcessId;

    public static async Task<Dynalite> StartAsync(NodeTools tools, int? port = null)
    {
        var cli = tools.Package("dynalite", "cli.js");
        var chosen = port ?? NodeService.FreePort();
        var service = await NodeService.StartAsync(tools, "dynalite", cli,
            ["--host", "127.0.0.1", "--port", chosen.ToString(), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"],
            line => line.Contains("listening at", StringComparison.OrdinalIgnoreCase));
        return new Dynalite(service, chosen);
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
