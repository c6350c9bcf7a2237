namespace PetStore.Tenants.Tests;

/// <summary>The command line: a mistake in it is a usage error (exit 2, one line saying what is wrong), never a stack trace.</summary>
public class TenantsCommandTests
{
    private static async Task<(int Code, string Error)> RunAsync(string[] args, HttpClient? http = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TenantsCommand.RunAsync(args, output, error, http: http);
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("--user-pool Users is given more than once", "--tenants-table", "t", "--user-pool", "Users=eu-west-1_A", "--user-pool", "Users=eu-west-1_B", "list")]
    [InlineData("--user-pool takes Name=Id", "--tenants-table", "t", "--user-pool", "Users", "list")]
    [InlineData("--user-pool takes Name=Id", "--tenants-table", "t", "--user-pool", "=eu-west-1_A", "list")]
    [InlineData("--local takes the services URL", "--local", "http://[::1", "list")]
    [InlineData("--local takes the services URL", "--local", "127.0.0.1:3001", "list")]
    public async Task Bad_command_lines_are_usage_errors_not_stack_traces(string expected, params string[] args)
    {
        var (code, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"environment": "dev"}""")]
    [InlineData("""{"environment": "dev", "region": "eu-west-1", "tenantsTable": "t", "userPools": {}, "trustedIssuers": "[]", "dynamodb": "x", "cognito": "y", "apigateway": "z"}""")]
    [InlineData("""{"environment": "dev", "region": 7}""")]
    public async Task A_local_mode_answer_the_CLI_cannot_read_is_a_usage_error(string answer)
    {
        using var http = new HttpClient(new Answering(answer));

        var (code, error) = await RunAsync(["--local", "http://127.0.0.1:3001", "list"], http);

        Assert.Equal(2, code);
        Assert.Contains("answered local/targets with something this CLI cannot read", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Local mode's services port, answering every request with one body.</summary>
    private sealed class Answering(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) });
    }
}
