using System.Text.Json.Nodes;
using PetStore.Cedar;
using PetStore.Contract;

namespace PetStore.Local;

/// <summary>
/// Verified Permissions, locally: answers IsAuthorized over AVP's JSON wire protocol, deciding with the Cedar engine
/// and the files in cedar/. Reloads them when they change; an invalid change is reported with file and line, and
/// the last valid policies stay in force, as a failed deployment would leave them.
/// </summary>
public sealed class PolicyStoreStandIn : IDisposable
{
    public const string PolicyStoreId = "local-policy-store";

    private readonly CedarEngine _engine;
    private readonly string _cedarDirectory;
    private readonly TextWriter _out;
    private readonly FileSystemWatcher _watcher;
    private readonly Lock _reloadGate = new();
    private readonly Lock _decisionsGate = new();
    private CedarDecisions _decisions;
    private Timer? _debounce;

    public PolicyStoreStandIn(CedarEngine engine, string cedarDirectory, TextWriter output)
    {
        _engine = engine;
        _cedarDirectory = cedarDirectory;
        _out = output;
        _decisions = Load() ?? throw new CedarPolicyException([new CedarProblem("cedar/", 1, 1, "no valid policies to start with (see above)")]);
        Announce(_decisions.Definition);
        _watcher = new FileSystemWatcher(cedarDirectory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size };
        _watcher.Changed += (_, _) => ScheduleReload();
        _watcher.Created += (_, _) => ScheduleReload();
        _watcher.Deleted += (_, _) => ScheduleReload();
        _watcher.Renamed += (_, _) => ScheduleReload();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The policies in force.</summary>
    public PolicyStoreDefinition Definition
    {
        get
        {
            lock (_decisionsGate) return _decisions.Definition;
        }
    }

    /// <summary>Raised after a successful reload (local mode then deploys the authorizer's cache plans again).</summary>
    public event Action<PolicyStoreDefinition>? Reloaded;

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>
    /// Answers a call once it is this call's turn: the engine decides one call at a time, and waiting asynchronously
    /// keeps many concurrent requests from holding every thread of the pool while they wait.
    /// </summary>
    public async Task<(int Status, JsonObject Body)> DecideAsync(JsonObject request, bool batch)
    {
        await _turn.WaitAsync();
        try
        {
            return batch ? BatchIsAuthorized(request) : IsAuthorized(request);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Answers one IsAuthorized call: (HTTP status, JSON body), as Verified Permissions would.</summary>
    public (int Status, JsonObject Body) IsAuthorized(JsonObject request) => Decide(request, (decisions, r) => decisions.IsAuthorized(r));

    /// <summary>Answers one BatchIsAuthorized call, as Verified Permissions would.</summary>
    public (int Status, JsonObject Body) BatchIsAuthorized(JsonObject request) => Decide(request, (decisions, r) => decisions.BatchIsAuthorized(r));

    private (int Status, JsonObject Body) Decide(JsonObject request, Func<CedarDecisions, JsonObject, JsonObject> decide)
    {
        if (request["policyStoreId"]?.GetValue<string>() != PolicyStoreId)
            return (400, Error("ResourceNotFoundException", $"Policy store {request["policyStoreId"]} does not exist."));
        try
        {
            // Under the gate: a reload must not unload the store a decision is being made with.
            lock (_decisionsGate) return (200, decide(_decisions, request));
        }
        catch (CedarRequestException e)
        {
            return (400, Error("ValidationException", e.Message));
        }
        catch (CedarEngineException e)
        {
            // The engine failed and was replaced; Verified Permissions' answer to its own failure is a 500.
            return (500, Error("InternalServerException", e.Message));
        }
    }

    public static JsonObject Error(string type, string message) => new() { ["__type"] = type, ["message"] = message };

    private void ScheduleReload()
    {
        lock (_reloadGate)
        {
            _debounce?.Dispose();
            _debounce = new Timer(_ => Reload(), null, TimeSpan.FromMilliseconds(150), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Runs on a timer thread: nothing may escape it, or the whole local API would stop.</summary>
    private void Reload()
    {
        lock (_reloadGate)
        {
            CedarDecisions? loaded;
            try
            {
                loaded = Load();
            }
            catch (Exception e)
            {
                // Load reports what authors can fix; this is the net under everything else.
                _out.WriteLine($"Cedar: policies not loaded: {e.Message}");
                loaded = null;
            }
            if (loaded is null)
            {
                _out.WriteLine($"Cedar: kept the previous {_decisions.Definition.Policies.Count} policies.");
                return;
            }
            CedarDecisions previous;
            lock (_decisionsGate) (previous, _decisions) = (_decisions, loaded);
            previous.Dispose();
            try
            {
                Reloaded?.Invoke(loaded.Definition);
            }
            catch (Exception e)
            {
                _out.WriteLine($"Cedar: the policies were loaded, but applying them failed: {e.Message}");
            }
            Announce(loaded.Definition);
        }
    }

    /// <summary>Said once the policies are in force (after a reload, once local mode has applied them).</summary>
    private void Announce(PolicyStoreDefinition definition)
    {
        _out.WriteLine($"Cedar: loaded {definition.Policies.Count} policies (version {definition.Version}): " +
            string.Join(", ", definition.Policies.Select(p => $"{p.Id} ({p.File}:{p.Line})")));
        foreach (var warning in definition.Warnings) _out.WriteLine($"Cedar: warning: {warning}");
    }

    private CedarDecisions? Load()
    {
        try
        {
            return new CedarDecisions(_engine, PolicyStoreFiles.LoadForApi(_cedarDirectory, _engine));
        }
        catch (CedarPolicyException e)
        {
            _out.WriteLine("Cedar: policies not loaded:");
            foreach (var problem in e.Problems) _out.WriteLine($"  {problem}");
            return null;
        }
        catch (IOException e)
        {
            _out.WriteLine($"Cedar: could not read cedar/ ({e.Message}); will retry on the next change.");
            return null;
        }
        catch (Exception e) when (e is CedarEngineException or UnauthorizedAccessException)
        {
            _out.WriteLine($"Cedar: policies not loaded: {e.Message}");
            return null;
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debounce?.Dispose();
        lock (_decisionsGate) _decisions.Dispose();
    }
}
