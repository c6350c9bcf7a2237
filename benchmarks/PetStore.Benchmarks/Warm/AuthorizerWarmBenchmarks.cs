using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PetStore.Lambdas.Authorizer;
using PetStore.Testing;

namespace PetStore.Benchmarks.Warm;

/// <summary>
/// The authorizer's warm path in process, Verified Permissions replaced by an in-memory answer: token validation
/// (signature, claims), request-to-action mapping through the route table, the AVP request, the policy document.
/// </summary>
[MemoryDiagnoser]
public class AuthorizerWarmBenchmarks
{
    private PolicyAuthorizer _authorizer = null!;
    private AuthorizerFunction _function = null!;
    private AuthorizerEvent _event = null!;
    private byte[] _eventJson = [];

    [GlobalSetup]
    public void Setup()
    {
        var tokens = new TestTokens();
        var validator = new AccessTokenValidator([tokens.Pool], new JwksCache(new HttpClient(new JwksServer(tokens)), TimeProvider.System));
        // Log lines are built in full but written nowhere, so the benchmark measures the work, not a growing buffer.
        _authorizer = new PolicyAuthorizer(validator, new FakeVerifiedPermissions(), "ps-1", TestScopes.All(PetStore.Contract.PolicyScope.Route), new PetStore.Lambdas.Logging.JsonLog(TextWriter.Null, TimeProvider.System));
        _function = new AuthorizerFunction(_authorizer);
        _event = new AuthorizerEvent
        {
            Type = "REQUEST",
            // A policy route: the authorizer asks Verified Permissions (in memory here).
            MethodArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/DELETE/pets/0198f3a2-7b7c-7d1e-9f00-0123456789ab",
            Resource = "/pets/{petId}",
            Path = "/pets/0198f3a2-7b7c-7d1e-9f00-0123456789ab",
            HttpMethod = "DELETE",
            Headers = new() { ["Authorization"] = $"Bearer {tokens.Access(groups: ["owners"])}", ["Host"] = "abc123.execute-api.eu-west-1.amazonaws.com" },
            PathParameters = new() { ["petId"] = "0198f3a2-7b7c-7d1e-9f00-0123456789ab" },
            RequestContext = new AuthorizerRequestContext { RequestId = "bench" },
        };
        _eventJson = JsonSerializer.SerializeToUtf8Bytes(_event, AuthorizerJson.Default.AuthorizerEvent);
        if (!Decide().GetAwaiter().GetResult().IsAllow) throw new InvalidOperationException("The benchmark request must be allowed.");
    }

    /// <summary>Validate, map, ask (in memory), answer.</summary>
    [Benchmark(Baseline = true)]
    public Task<AuthorizerResponse> Decide() => _authorizer.AuthorizeAsync(_event);

    /// <summary>The same through the Lambda entry point: the event's JSON in, the policy's JSON out.</summary>
    [Benchmark]
    public async Task<int> EntryPoint()
    {
        var output = await _function.HandleAsync(new MemoryStream(_eventJson, writable: false));
        return (int)output.Length;
    }
}
