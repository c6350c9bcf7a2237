using System.Diagnostics;
using System.Net;
using System.Text.Json;

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
        Assert.Contains("retry", response.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("1", response.Raw.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
    }

    private async Task<ApiResponse> CreateAsync(string token, string type, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pets") { Content = new StringContent($$"""{"type":"{{type}}","price":1,"storeId":"downtown"}""") };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _local.Http.SendAsync(request);
        return new ApiResponse(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response);
    }

    private async Task<int> CountAsync(string token, string type)
    {
        var page = await _local.Http.GetJsonAsync("/pets?limit=100", token);
        return page.Body.GetProperty("pets").EnumerateArray().Count(p => p.GetProperty("type").GetString() == type);
    }

    [Fact]
    public async Task Pets_routes_answer_503_while_DynamoDB_hangs_and_a_create_retried_with_its_key_happens_once()
    {
        var employee = await _local.Http.LoginAsync("employee");
        var type = $"hung{Guid.NewGuid():N}"[..12];
        var dynalite = ToolProcess("dynalite");
        Signal(dynalite, "STOP");
        ApiResponse hung;
        try
        {
            AssertRetry(await _local.Http.GetJsonAsync("/pets", employee));
            hung = await CreateAsync(employee, type, "retry-me");
        }
        finally
        {
            Signal(dynalite, "CONT");
        }
        // The write may have gone through before the answer timed out: the 503 says how to retry safely.
        AssertRetry(hung);
        Assert.Contains("Idempotency-Key", hung.Message);

        var retried = await CreateAsync(employee, type, "retry-me");
        var again = await CreateAsync(employee, type, "retry-me");

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Equal(retried.Body.GetProperty("pet").GetProperty("id").GetString(), again.Body.GetProperty("pet").GetProperty("id").GetString());
        Assert.Equal(1, await CountAsync(employee, type));
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

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_dead_DynamoDB_is_restarted_on_its_data_and_said_so(string signal)
    {
        var employee = await _local.Http.LoginAsync("employee");
        var created = await _local.Http.PostJsonAsync("/pets", """{"type":"survivor","price":1,"storeId":"downtown"}""", employee);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body.GetProperty("pet").GetProperty("id").GetString();

        var seen = _local.Lines.Count;
        Signal(ToolProcess("dynalite"), signal);
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
