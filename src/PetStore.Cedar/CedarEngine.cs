using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.NodeTools;

namespace PetStore.Cedar;

/// <summary>
/// The real Cedar engine, @cedar-policy/cedar-wasm, in one Node process (<c>tools/cedar/engine.mjs</c>) spoken to
/// in JSON lines. Calls are serialized; the process exits when this object is disposed or this process ends.
/// The engine never takes its caller down with it: if the process crashes (cedar-wasm overflows its stack on deeply
/// nested policies and is left broken), dies or does not answer within the timeout, the call fails with a
/// <see cref="CedarEngineException"/> and a fresh process takes over, with the policy stores loaded so far loaded
/// again; a process found dead before a call is replaced first.
/// </summary>
public sealed class CedarEngine : IDisposable
{
    /// <summary>How long one call may take; validating a whole policy store takes milliseconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly NodeTools.NodeTools _tools;
    private readonly TimeSpan _timeout;
    private readonly Lock _gate = new();
    // Policy stores loaded under a name ("load"), loaded again into a replacement process.
    private readonly Dictionary<string, JsonObject> _stores = [];
    private EngineProcess _process;
    private long _nextId;

    private CedarEngine(NodeTools.NodeTools tools, TimeSpan timeout, EngineProcess process)
    {
        _tools = tools;
        _timeout = timeout;
        _process = process;
    }

    /// <summary>The engine's current process (it changes when the engine is replaced).</summary>
    public int ProcessId => _process.Id;

    public static CedarEngine Start(NodeTools.NodeTools? tools = null, TimeSpan? timeout = null)
    {
        tools ??= NodeTools.NodeTools.Locate();
        tools.Package(Path.Combine("@cedar-policy", "cedar-wasm"), Path.Combine("nodejs", "cedar_wasm.js"));
        return new CedarEngine(tools, timeout ?? DefaultTimeout, EngineProcess.Start(tools));
    }

    /// <summary>Runs one engine operation and returns its result.</summary>
    /// <exception cref="CedarEngineException">The engine refused the call, or failed and was replaced.</exception>
    public JsonNode Call(string op, JsonObject args)
    {
        lock (_gate)
        {
            // Nothing was sent to a process that is already gone: replace it and go on.
            if (_process.HasExited) Replace();
            var id = ++_nextId;
            var request = new JsonObject { ["id"] = id, ["op"] = op, ["args"] = args }.ToJsonString();
            var answer = _process.Ask(request, _timeout);
            if (answer.Failure is { } failure)
            {
                Replace();
                throw new CedarEngineException($"The Cedar engine {failure} during '{op}'; it was restarted.", failure);
            }
            var line = answer.Line!;
            if (line["id"]?.GetValue<long>() != id)
            {
                Replace();
                throw new CedarEngineException($"The Cedar engine answered out of turn during '{op}'; it was restarted.");
            }
            if (line["error"] is { } error)
            {
                // A WebAssembly trap or a stack overflow leaves cedar-wasm broken: the engine exits after saying so.
                if (line["fatal"]?.GetValue<bool>() == true)
                {
                    Replace();
                    throw new CedarEngineException($"The Cedar engine failed during '{op}' ({error.GetValue<string>()}); it was restarted.", error.GetValue<string>());
                }
                throw new CedarEngineException($"Cedar engine '{op}': {error.GetValue<string>()}");
            }

            var result = line["result"]!;
            Remember(op, args, result);
            return result;
        }
    }

    private void Remember(string op, JsonObject args, JsonNode result)
    {
        var name = args["name"]?.GetValue<string>();
        if (name is null) return;
        if (op == "load" && result["type"]?.GetValue<string>() == "success") _stores[name] = (JsonObject)args.DeepClone();
        if (op == "unload") _stores.Remove(name);
    }

    /// <summary>A new process in place of the current one, with every remembered policy store loaded again.</summary>
    private void Replace()
    {
        _process.Kill();
        try
        {
            _process = EngineProcess.Start(_tools);
        }
        catch (MissingPrerequisiteException e)
        {
            // The dead process stays in place, so the next call tries again.
            throw new CedarEngineException($"The Cedar engine could not be restarted: {e.Message}", e.Message);
        }
        foreach (var (name, args) in _stores.ToList())
        {
            var answer = _process.Ask(new JsonObject { ["id"] = ++_nextId, ["op"] = "load", ["args"] = args.DeepClone() }.ToJsonString(), _timeout);
            if (answer.Line?["result"]?["type"]?.GetValue<string>() == "success") continue;
            // A store that no longer loads cannot be asked; calls naming it fail as for any unknown store.
            _stores.Remove(name);
            if (answer.Failure is not null)
            {
                _process.Kill();
                _process = EngineProcess.Start(_tools);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate) _process.Dispose();
    }

    /// <summary>One Node process running engine.mjs.</summary>
    private sealed class EngineProcess : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _stderr;

        private EngineProcess(Process process, System.Text.StringBuilder stderr) => (_process, _stderr) = (process, stderr);

        public int Id => _process.Id;
        public bool HasExited
        {
            get
            {
                try
                {
                    return _process.HasExited;
                }
                catch (InvalidOperationException)
                {
                    return true; // killed and disposed
                }
            }
        }

        public static EngineProcess Start(NodeTools.NodeTools tools)
        {
            var start = new ProcessStartInfo(tools.NodeExecutable)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = tools.RepositoryRoot,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            start.ArgumentList.Add(Path.Combine(tools.RepositoryRoot, "tools", "cedar", "engine.mjs"));
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Cedar engine.");
            process.StandardInput.AutoFlush = true;
            var stderr = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
            process.BeginErrorReadLine();

            var first = process.StandardOutput.ReadLine();
            if (first is null || JsonNode.Parse(first) is not JsonObject hello || hello["ready"] is null)
            {
                process.WaitForExit(2000);
                lock (stderr) throw new MissingPrerequisiteException($"The Cedar engine did not start: {stderr}".Trim());
            }
            return new EngineProcess(process, stderr);
        }

        /// <summary>Sends one request line and waits for the answer line, or says how the process failed.</summary>
        public (JsonObject? Line, string? Failure) Ask(string request, TimeSpan timeout)
        {
            try
            {
                _process.StandardInput.WriteLine(request);
                var reading = _process.StandardOutput.ReadLineAsync();
                if (!reading.Wait(timeout)) return (null, $"did not answer within {timeout.TotalSeconds:0.#} s");
                if (reading.Result is { } line) return (JsonNode.Parse(line)!.AsObject(), null);
                _process.WaitForExit(1000);
                string said;
                lock (_stderr) said = _stderr.ToString().Trim();
                return (null, said.Length == 0 ? "exited" : $"exited ({said.Split('\n')[^1].Trim()})");
            }
            catch (Exception e) when (e is IOException or AggregateException or InvalidOperationException or JsonException)
            {
                return (null, $"failed ({e.GetBaseException().Message})");
            }
        }

        /// <summary>Ends the process the polite way: closing its input makes it exit.</summary>
        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.StandardInput.Close();
                    if (!_process.WaitForExit(3000)) _process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // Already gone.
            }
            _process.Dispose();
        }

        /// <summary>Ends a process that is broken or not answering, at once.</summary>
        public void Kill()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(3000);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
            _process.Dispose();
        }
    }
}
