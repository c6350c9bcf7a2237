using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PetStore.Cedar.Tests;

/// <summary>
/// The Cedar engine is a Node process running cedar-wasm. It can crash (a stack overflow on a deeply nested policy
/// leaves the WebAssembly instance broken), die, or stop answering; none of that may take the product down. Each test
/// starts its own engine, because it breaks it on purpose.
/// </summary>
public sealed class CedarEngineTests(CedarFixture cedar) : IDisposable
{
    private readonly CedarEngine _engine = CedarEngine.Start(cedar.Tools, TimeSpan.FromSeconds(3));

    public void Dispose() => _engine.Dispose();

    /// <summary>A policy whose condition is nested <paramref name="depth"/> parentheses deep.</summary>
    internal static string Nested(int depth) =>
        $"@id(\"deep\")\npermit (principal, action, resource)\nwhen {{ {new string('(', depth)}true{new string(')', depth)} }};\n";

    private bool Answers() =>
        _engine.Call("policyToJson", new JsonObject { ["text"] = "permit (principal, action, resource);" })["type"]!.GetValue<string>() == "success";

    [Fact]
    public void A_stack_overflow_is_an_error_and_the_engine_is_replaced()
    {
        var before = _engine.ProcessId;

        var error = Assert.Throws<CedarEngineException>(() => _engine.Call("parts", new JsonObject { ["text"] = Nested(200) }));

        Assert.Contains("restarted", error.Message);
        Assert.NotEqual(before, _engine.ProcessId);
        Assert.True(Answers());
    }

    [Fact]
    public void A_dead_engine_is_replaced_before_the_next_call()
    {
        var before = _engine.ProcessId;
        Process.GetProcessById(before).Kill();
        Process.GetProcessById(before).WaitForExit();

        Assert.True(Answers());
        Assert.NotEqual(before, _engine.ProcessId);
    }

    [Fact]
    public void A_wedged_engine_is_replaced_after_the_timeout()
    {
        var before = _engine.ProcessId;
        Signal("STOP", before);
        try
        {
            var error = Assert.Throws<CedarEngineException>(() => Answers());
            Assert.Contains("did not answer", error.Message);
        }
        finally
        {
            Signal("CONT", before);
        }
        Assert.NotEqual(before, _engine.ProcessId);
        Assert.True(Answers());
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(before));
    }

    [Fact]
    public void Loaded_policy_stores_are_loaded_again_in_the_new_process()
    {
        var decisions = new CedarDecisions(_engine, cedar.Pinned);
        var request = DecisionMatrixTests.Build(new DecisionRequest { Principal = new DecisionPrincipal { Groups = ["owners"] }, Action = "delete /pets/{petId}", PathParameters = new() { ["petId"] = "0190b1e2-7c1d-7a7e-9f00-000000000001" } });
        Assert.Equal("ALLOW", decisions.IsAuthorized(request)["decision"]!.GetValue<string>());

        Assert.Throws<CedarEngineException>(() => _engine.Call("parts", new JsonObject { ["text"] = Nested(200) }));

        Assert.Equal("ALLOW", decisions.IsAuthorized(request)["decision"]!.GetValue<string>());
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString()]);
        kill.WaitForExit();
    }
}
