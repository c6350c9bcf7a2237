using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.NodeTools;

namespace PetStore.Cedar;

/// <summary>
/// The real Cedar engine, @cedar-policy/cedar-wasm, in one Node process (<c>tools/cedar/engine.mjs</c>) spoken to
/// in JSON lines. Calls are serialized; the process exits when this object is disposed or this process ends.
/// </summary>
public sealed class CedarEngine : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private long _nextId;

    private CedarEngine(Process process, JsonObject version)
    {
        _process = process;
        Version = version["cedar"]!.GetValue<string>();
    }

    /// <summary>The Cedar version of the engine, e.g. 4.13.0.</summary>
    public string Version { get; }

    public static CedarEngine Start(NodeTools.NodeTools? tools = null)
    {
        tools ??= NodeTools.NodeTools.Locate();
        tools.Package(Path.Combine("@cedar-policy", "cedar-wasm"), Path.Combine("nodejs", "cedar_wasm.js"));
        var script = Path.Combine(tools.RepositoryRoot, "tools", "cedar", "engine.mjs");
        var start = new ProcessStartInfo(tools.NodeExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = tools.RepositoryRoot,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
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
        return new CedarEngine(process, hello["version"]!.AsObject());
    }

    /// <summary>Runs one engine operation and returns its result; engine-side exceptions become <see cref="CedarEngineException"/>.</summary>
    public JsonNode Call(string op, JsonObject args)
    {
        lock (_gate)
        {
            var id = ++_nextId;
            _process.StandardInput.WriteLine(new JsonObject { ["id"] = id, ["op"] = op, ["args"] = args }.ToJsonString());
            var line = _process.StandardOutput.ReadLine()
                ?? throw new CedarEngineException($"The Cedar engine exited during '{op}'.");
            var answer = JsonNode.Parse(line)!.AsObject();
            if (answer["id"]?.GetValue<long>() != id) throw new CedarEngineException($"The Cedar engine answered out of turn during '{op}'.");
            if (answer["error"] is { } error) throw new CedarEngineException($"Cedar engine '{op}': {error.GetValue<string>()}");
            return answer["result"]!;
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(3000)) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}

public sealed class CedarEngineException(string message) : Exception(message);

/// <summary>Reading cedar-wasm answers: <c>{"type":"success", ...}</c> or <c>{"type":"failure","errors":[...]}</c>.</summary>
internal static class CedarAnswer
{
    public static bool IsSuccess(JsonNode answer) => answer["type"]?.GetValue<string>() == "success";

    public static IEnumerable<JsonObject> Errors(JsonNode answer) =>
        answer["errors"]?.AsArray().Select(e => e!.AsObject()) ?? [];

    /// <summary>"message (help)" of a cedar DetailedError.</summary>
    public static string Describe(JsonNode error)
    {
        var message = error["message"]!.GetValue<string>();
        return error["help"]?.GetValue<string>() is { Length: > 0 } help ? $"{message} (help: {help})" : message;
    }

    /// <summary>The start offset of a DetailedError's first source location, if it has one.</summary>
    public static int? Offset(JsonNode error) =>
        error["sourceLocations"]?.AsArray().FirstOrDefault()?["start"]?.GetValue<int>();

}
