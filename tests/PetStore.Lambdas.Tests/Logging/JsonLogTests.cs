using System.Text.Json;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Logging;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Logging;

/// <summary>Every line carries the keys operators search for, as Powertools names them, then the event's own fields.</summary>
public class JsonLogTests
{
    private const string TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement;

    private static JsonElement Only(RecordingLog log, string message) =>
        Parse(Assert.Single(log.Lines, l => Parse(l).GetProperty("message").GetString() == message));

    [Fact]
    public void A_line_outside_an_invocation_says_what_and_where_but_not_which_request()
    {
        var log = new RecordingLog("PetStore-dev-Pets", "7");

        log.Log.Warn("Starting", ("petId", "p-1"), ("attempt", 2), ("ok", true), ("none", null));

        var line = Only(log, "Starting");
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), out _));
        Assert.Equal("PetStore-dev-Pets", line.GetProperty("function_name").GetString());
        Assert.Equal("7", line.GetProperty("function_version").GetString());
        Assert.Equal("p-1", line.GetProperty("petId").GetString());
        Assert.Equal(2, line.GetProperty("attempt").GetInt32());
        Assert.True(line.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("none").ValueKind);
        Assert.False(line.TryGetProperty("cold_start", out _));
        Assert.False(line.TryGetProperty("request_id", out _));
    }

    [Fact]
    public void Lines_of_an_invocation_carry_its_request_id_trace_id_and_whether_it_was_the_cold_start()
    {
        var trace = TraceHeader;
        var log = new RecordingLog(traceHeader: () => trace);

        using (var first = log.Log.BeginInvocation("req-1")) log.Log.Info("First");
        trace = "Root=1-6000aaaa-000000000000000000000002;Sampled=0";
        using (var second = log.Log.BeginInvocation()) { second.RequestId = "req-2"; log.Log.Error("Second"); }

        var one = Only(log, "First");
        Assert.True(one.GetProperty("cold_start").GetBoolean());
        Assert.Equal("req-1", one.GetProperty("request_id").GetString());
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", one.GetProperty("xray_trace_id").GetString());
        var two = Only(log, "Second");
        Assert.False(two.GetProperty("cold_start").GetBoolean());
        Assert.Equal("req-2", two.GetProperty("request_id").GetString());
        Assert.Equal("1-6000aaaa-000000000000000000000002", two.GetProperty("xray_trace_id").GetString());
        Assert.Equal("ERROR", two.GetProperty("level").GetString());
    }

    [Fact]
    public void Every_line_has_every_standard_key_during_an_invocation_in_Lambda_and_the_standard_keys_come_first()
    {
        var log = new RecordingLog(traceHeader: () => TraceHeader);

        using (log.Log.BeginInvocation("req-1")) log.Log.Info("Handled", ("status", 200));

        var names = Only(log, "Handled").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(JsonLog.StandardKeys, names.Take(JsonLog.StandardKeys.Count));
        Assert.Equal("status", names[^1]);
    }

    [Fact]
    public void An_event_field_cannot_overwrite_a_standard_key()
    {
        var log = new RecordingLog();

        using (log.Log.BeginInvocation("req-1")) log.Log.Info("Handled", ("level", "DEBUG"), ("request_id", "forged"));

        var line = Only(log, "Handled");
        Assert.Equal("INFO", line.GetProperty("level").GetString());
        Assert.Equal("req-1", line.GetProperty("request_id").GetString());
        Assert.Single(line.EnumerateObject(), p => p.Name == "level");
    }

    [Fact]
    public void Another_log_written_during_the_invocation_carries_its_keys_too()
    {
        var entry = new RecordingLog();
        var handler = new RecordingLog();

        using (entry.Log.BeginInvocation("req-9")) handler.Log.Info("From the handler");

        var line = Only(handler, "From the handler");
        Assert.Equal("req-9", line.GetProperty("request_id").GetString());
        Assert.True(line.GetProperty("cold_start").GetBoolean());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("Parent=53995c3f42cd8ad8;Sampled=1", null)]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Sampled=1;Root=1-abc", "1-abc")]
    public void The_trace_id_is_the_Root_of_the_trace_header(string? header, string? traceId)
    {
        Assert.Equal(traceId, JsonLog.XRayTraceId(header));
    }

    [Fact]
    public async Task Each_request_a_proxy_function_handles_is_logged_with_the_API_Gateway_request_id_and_only_the_first_is_the_cold_start()
    {
        var host = new FunctionHost();

        foreach (var id in new[] { "req-a", "req-b" })
            await host.SendAsync(ProxyRequests.For("GET", "/pets") with { RequestContext = new ProxyRequestContext { RequestId = id } });

        var handled = host.Log.Lines.Select(Parse).Where(l => l.GetProperty("message").GetString() == "Request handled").ToList();
        Assert.Equal(2, handled.Count);
        Assert.Equal([true, false], handled.Select(l => l.GetProperty("cold_start").GetBoolean()));
        Assert.Equal(["req-a", "req-b"], handled.Select(l => l.GetProperty("request_id").GetString()));
    }

    [Fact]
    public async Task The_authorizers_decision_is_logged_with_the_request_id_of_the_event()
    {
        var tokens = new TestTokens();
        var log = new RecordingLog();
        var validator = new AccessTokenValidator([tokens.Pool], new JwksCache(new HttpClient(new JwksServer(tokens)), TimeProvider.System));
        var function = new AuthorizerFunction(new PolicyAuthorizer(validator, new FakeVerifiedPermissions(), "ps-1", TestScopes.All(PolicyScope.Route), log.Log), log.Log);
        var json = $$"""
            {
              "type": "REQUEST", "methodArn": "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/admin/reports",
              "resource": "/admin/{proxy+}", "path": "/admin/reports", "httpMethod": "GET", "pathParameters": {"proxy": "reports"},
              "headers": {"Authorization": "Bearer {{tokens.Access(groups: ["owners"])}}"},
              "requestContext": {"requestId": "r-7", "resourcePath": "/admin/{proxy+}", "httpMethod": "GET", "stage": "dev"}
            }
            """;

        await function.HandleAsync(ProxyRequests.ToStream(json));

        var decision = Only(log, "Authorization decision");
        Assert.Equal("r-7", decision.GetProperty("request_id").GetString());
        Assert.True(decision.GetProperty("cold_start").GetBoolean());
        Assert.False(decision.TryGetProperty("requestId", out _));
    }
}
