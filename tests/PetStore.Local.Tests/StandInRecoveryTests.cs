using System.Diagnostics;
using System.Net;

namespace PetStore.Local.Tests;

/// <summary>
/// A stand-in that hangs or dies: every route that needs it answers 503 saying retry (never 500), and local mode
/// starts a dead one again on its data, says so, and serves again without a restart of its own.
/// </summary>
public class StandInRecoveryTests : IAsyncLifetime
{
    private LocalProcess _local = null!;

    public async ValueTask InitializeAsync() => _local = await LocalProcess.StartAsync();

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    /// <summary>The process of a Node tool local mode started, found by its command line.</summary>
    private int ToolProcess(string name) => _local.Descendants()
        .Single(pid => File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains(name) &&
                       File.ReadAllText($"/proc/{pid}/cmdline").Contains("supervise.mjs"));

    private static void Signal(int pid, string signal) => Process.Start("kill", [$"-{signal}", pid.ToString()])!.WaitForExit();

    private static void AssertRetry(ApiResponse response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Contains("retry", response.Message);
        Assert.Equal("1", response.Raw.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
    }

    [Fact]
    public async Task Pets_routes_answer_503_while_DynamoDB_hangs_and_serve_again_after()
    {
        var employee = await _local.Http.LoginAsync("employee");
        var dynalite = ToolProcess("dynalite");
        Signal(dynalite, "STOP");
        try
        {
            AssertRetry(await _local.Http.GetJsonAsync("/pets", employee));
            AssertRetry(await _local.Http.PostJsonAsync("/pets", """{"type":"dog","price":1}""", employee));
        }
        finally
        {
            Signal(dynalite, "CONT");
        }
        Assert.Equal(HttpStatusCode.OK, (await _local.Http.GetJsonAsync("/pets", employee)).Status);
    }

    [Fact]
    public async Task Sign_in_answers_503_while_Cognito_hangs()
    {
        var cognito = ToolProcess("cognito-local");
        Signal(cognito, "STOP");
        try
        {
            AssertRetry(await _local.Http.PostJsonAsync("/login", $$"""{"username":"customer","password":"{{LocalProcess.Password}}"}"""));
        }
        finally
        {
            Signal(cognito, "CONT");
        }
        Assert.NotEmpty(await _local.Http.LoginAsync("customer"));
    }

    [Fact]
    public async Task A_dead_DynamoDB_is_restarted_on_its_data_and_said_so()
    {
        var employee = await _local.Http.LoginAsync("employee");
        var created = await _local.Http.PostJsonAsync("/pets", """{"type":"survivor","price":1}""", employee);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body.GetProperty("pet").GetProperty("id").GetString();

        var seen = _local.Lines.Count;
        Signal(ToolProcess("dynalite"), "KILL");
        var answer = await _local.Http.GetJsonAsync($"/pets/{id}", employee);
        Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{answer.Status}: {answer.Body}");

        Assert.NotNull(await _local.WaitForLineAsync(l => l.StartsWith("Stand-in: dynalite exited"), TimeSpan.FromSeconds(10), seen));
        Assert.NotNull(await _local.WaitForLineAsync(l => l.StartsWith("Stand-in: dynalite restarted"), TimeSpan.FromSeconds(30), seen));
        var again = await _local.Http.GetJsonAsync($"/pets/{id}", employee);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("survivor", again.Body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_dead_Cognito_is_restarted_on_its_data_and_said_so()
    {
        var seen = _local.Lines.Count;
        Signal(ToolProcess("cognito-local"), "KILL");

        Assert.NotNull(await _local.WaitForLineAsync(l => l.StartsWith("Stand-in: cognito-local exited"), TimeSpan.FromSeconds(10), seen));
        Assert.NotNull(await _local.WaitForLineAsync(l => l.StartsWith("Stand-in: cognito-local restarted"), TimeSpan.FromSeconds(30), seen));
        var customer = await _local.Http.LoginAsync("customer");
        Assert.Equal(HttpStatusCode.OK, (await _local.Http.GetJsonAsync("/pets", customer)).Status);
    }
}
