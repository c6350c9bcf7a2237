using System.Net;
using System.Text;
using System.Text.Json;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Runtime;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Runtime;

/// <summary>The custom runtime's side of the Lambda Runtime API, on the wire as Lambda documents it.</summary>
public class LambdaRuntimeClientTests
{
    private const string Base = "http://127.0.0.1:9001/2018-06-01/runtime/";

    /// <summary>A Runtime API that hands out <paramref name="events"/> in turn, then refuses (the test is over).</summary>
    private static CapturingHandler RuntimeApi(params string[] events)
    {
        var next = new Queue<string>(events);
        var handed = 0;
        return new CapturingHandler(request =>
        {
            if (request.Method != HttpMethod.Get) return new HttpResponseMessage(HttpStatusCode.Accepted);
            if (next.Count == 0) return new HttpResponseMessage(HttpStatusCode.Gone);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(next.Dequeue(), Encoding.UTF8, "application/json") };
            response.Headers.Add("Lambda-Runtime-Aws-Request-Id", $"req-{++handed}");
            response.Headers.Add("Lambda-Runtime-Trace-Id", $"Root=1-trace-{handed}");
            return response;
        });
    }

    private static LambdaRuntimeClient Client(CapturingHandler api) => new(new HttpClient(api) { BaseAddress = new Uri(Base) });

    private static async Task<Stream> Echo(Stream input)
    {
        var text = await new StreamReader(input).ReadToEndAsync();
        return new MemoryStream(Encoding.UTF8.GetBytes($$"""{"echo":{{text}}}"""));
    }

    [Fact]
    public async Task An_event_is_fetched_handled_and_answered_under_its_request_id()
    {
        var api = RuntimeApi("""{"n":1}""");

        await Client(api).InvokeNextAsync(Echo);

        Assert.Collection(api.Requests,
            next => Assert.Equal(("GET", Base + "invocation/next"), (next.Method, next.Uri.ToString())),
            answer =>
            {
                Assert.Equal(("POST", Base + "invocation/req-1/response"), (answer.Method, answer.Uri.ToString()));
                Assert.Equal("""{"echo":{"n":1}}""", answer.Body);
            });
    }

    [Fact]
    public async Task The_trace_id_is_put_where_the_managed_runtime_puts_it()
    {
        var api = RuntimeApi("{}");
        string? seen = null;

        await Client(api).InvokeNextAsync(input =>
        {
            seen = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            return Echo(input);
        });

        Assert.Equal("Root=1-trace-1", seen);
    }

    [Fact]
    public async Task A_failed_invocation_is_reported_as_an_error_with_its_message_and_type()
    {
        var api = RuntimeApi("{}");

        // The authorizer's way of saying 401: API Gateway reads errorMessage "Unauthorized".
        await Client(api).InvokeNextAsync(_ => throw new UnauthorizedException());

        var error = api.Requests[^1];
        Assert.Equal(Base + "invocation/req-1/error", error.Uri.ToString());
        Assert.Equal("UnauthorizedException", error.Headers["Lambda-Runtime-Function-Error-Type"]);
        var document = JsonDocument.Parse(error.Body).RootElement;
        Assert.Equal("Unauthorized", document.GetProperty("errorMessage").GetString());
        Assert.Equal("UnauthorizedException", document.GetProperty("errorType").GetString());
        Assert.DoesNotContain(api.Requests, r => r.Uri.ToString().EndsWith("/response", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_loop_goes_on_after_a_failed_invocation()
    {
        var api = RuntimeApi("""{"fail":true}""", """{"n":2}""");
        var calls = 0;

        // The third /next is refused, which ends the loop the way an unreachable Runtime API would.
        await Assert.ThrowsAsync<HttpRequestException>(() => Client(api).RunAsync(() => input =>
            ++calls == 1 ? throw new InvalidOperationException("boom") : Echo(input)));

        Assert.Equal(
            ["invocation/next", "invocation/req-1/error", "invocation/next", "invocation/req-2/response", "invocation/next"],
            api.Requests.Select(r => r.Uri.ToString()[Base.Length..]));
    }

    [Fact]
    public async Task A_failing_init_is_reported_as_an_init_error_and_no_event_is_taken()
    {
        var api = RuntimeApi("{}");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Client(api).RunAsync(() => throw new InvalidOperationException("TRUSTED_ISSUERS is not set")));

        Assert.Equal("TRUSTED_ISSUERS is not set", thrown.Message);
        var report = Assert.Single(api.Requests);
        Assert.Equal(Base + "init/error", report.Uri.ToString());
        Assert.Equal("TRUSTED_ISSUERS is not set", JsonDocument.Parse(report.Body).RootElement.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public void Error_documents_are_valid_JSON_whatever_the_message()
    {
        var document = JsonDocument.Parse(LambdaRuntimeClient.ErrorDocument(new InvalidOperationException("a \"quoted\"\nline"))).RootElement;
        Assert.Equal("a \"quoted\"\nline", document.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public void Outside_Lambda_the_bootstrap_says_what_it_is()
    {
        var saved = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        Environment.SetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API", null);
        try
        {
            Assert.Contains("AWS_LAMBDA_RUNTIME_API", Assert.Throws<InvalidOperationException>(LambdaRuntimeClient.FromEnvironment).Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API", saved);
        }
    }

    [Fact]
    public async Task The_emulated_Runtime_API_hands_out_events_in_turn_collects_answers_and_then_says_gone()
    {
        using var emulated = new LambdaRuntimeApi();
        var client = new LambdaRuntimeClient(new HttpClient { BaseAddress = new Uri($"http://{emulated.Address}/2018-06-01/runtime/") });
        var first = emulated.InvokeAsync(Encoding.UTF8.GetBytes("""{"n":1}"""));
        var second = emulated.InvokeAsync(Encoding.UTF8.GetBytes("""{"n":2}"""));
        emulated.Complete();

        await client.InvokeNextAsync(Echo);
        await client.InvokeNextAsync(_ => throw new UnauthorizedException());

        Assert.Equal(("response", """{"echo":{"n":1}}"""), ((await first).Kind, (await first).Body));
        Assert.Equal("error", (await second).Kind);
        Assert.Contains("\"errorMessage\":\"Unauthorized\"", (await second).Body);
        var gone = await Assert.ThrowsAsync<HttpRequestException>(() => client.InvokeNextAsync(Echo));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }
}
