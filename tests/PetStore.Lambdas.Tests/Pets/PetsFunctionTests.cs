using System.Text.Json;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Pets;

/// <summary>The Stream-in, Stream-out entry point as the Lambda runtime calls it.</summary>
public class PetsFunctionTests
{
    private const string CreateEvent = """
        {
          "resource": "/pets", "path": "/pets", "httpMethod": "POST",
          "headers": {"Content-Type": "application/json"},
          "queryStringParameters": null, "multiValueQueryStringParameters": null, "pathParameters": null,
          "requestContext": {"requestId": "req-1", "stage": "dev", "identity": {"sourceIp": "203.0.113.9"},
                             "authorizer": {"principalId": "pool|user-1", "username": "user-1", "groups": "employees", "provider": "Users",
                                            "kind": "person", "stores": "downtown", "tenant": ""}},
          "body": "eyJ0eXBlIjoiZG9nIiwicHJpY2UiOjEyLCJzdG9yZUlkIjoiZG93bnRvd24ifQ==", "isBase64Encoded": true
        }
        """;

    [Fact]
    public async Task A_proxy_event_in_gives_a_proxy_response_out()
    {
        var repository = new InMemoryPetRepository();
        var log = new RecordingLog();
        var function = new PetsFunction(TestPrincipals.PetsApi(repository, log.Log), log.Log);

        var output = await function.HandleAsync(ProxyRequests.ToStream(CreateEvent));
        var response = await JsonDocument.ParseAsync(output);

        Assert.Equal(201, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/json", response.RootElement.GetProperty("headers").GetProperty("Content-Type").GetString());
        var body = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!).RootElement;
        Assert.Equal("dog", body.GetProperty("pet").GetProperty("type").GetString());
        Assert.Single(repository.Pets);
        Assert.Contains(log.Lines, l => l.Contains("\"request_id\":\"req-1\"") && l.Contains("\"status\":201"));
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_JSON_500_without_a_stack_trace_and_is_logged()
    {
        var log = new RecordingLog();
        var function = new PetsFunction(TestPrincipals.PetsApi(FailingRepository.Create(), log.Log), log.Log);

        var output = await function.HandleAsync(ProxyRequests.ToStream(CreateEvent));
        var response = await JsonDocument.ParseAsync(output);

        Assert.Equal(500, response.RootElement.GetProperty("statusCode").GetInt32());
        var body = response.RootElement.GetProperty("body").GetString()!;
        Assert.Equal("""{"message":"Internal server error"}""", body);
        Assert.Contains(log.Lines, l => l.Contains("\"level\":\"ERROR\"") && l.Contains("disk on fire"));
    }

    [Fact]
    public async Task Log_lines_are_JSON_objects()
    {
        var log = new RecordingLog();
        var function = new PetsFunction(TestPrincipals.PetsApi(new InMemoryPetRepository(), log.Log), log.Log);
        await function.HandleAsync(ProxyRequests.ToStream(CreateEvent));

        Assert.NotEmpty(log.Lines);
        Assert.All(log.Lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }

    /// <summary>A repository whose every method fails, whatever methods the contract gains.</summary>
    public class FailingRepository : System.Reflection.DispatchProxy
    {
        public static IPetRepository Create() => Create<IPetRepository, FailingRepository>();

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) => throw new IOException("disk on fire");
    }
}
