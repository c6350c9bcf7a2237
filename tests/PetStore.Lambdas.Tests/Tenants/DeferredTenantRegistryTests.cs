using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Tenants;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Tenants;

/// <summary>
/// The authorizer's registry client is made on the first tenant lookup, once: a cold start whose requests are people's
/// never builds the signed DynamoDB client.
/// </summary>
public class DeferredTenantRegistryTests
{
    private static readonly TenantEntry Acme = new("acme", "acme-key-value-0000000000", "gold", TenantStatus.Active);

    private int _made;

    /// <param name="making">How long making the registry takes (a window for concurrent first lookups to race in).</param>
    private DeferredTenantRegistry Deferred(TimeSpan? making = null) => new(() =>
    {
        Interlocked.Increment(ref _made);
        Thread.Sleep(making ?? TimeSpan.Zero);
        return new Fixed();
    });

    [Fact]
    public async Task Nothing_is_made_before_the_first_lookup_and_one_registry_serves_the_rest()
    {
        var registry = Deferred();
        Assert.Equal(0, _made);

        Assert.Equal(Acme, await registry.FindAsync("Users|acme-client"));
        Assert.Equal(Acme, await registry.FindAsync("Users|acme-client"));
        Assert.Equal(1, _made);
    }

    [Fact]
    public async Task Concurrent_first_lookups_share_one_registry()
    {
        var registry = Deferred(making: TimeSpan.FromMilliseconds(50));
        using var start = new ManualResetEventSlim();
        var lookups = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await registry.FindAsync("Users|acme-client");
        })).ToList();
        start.Set();

        Assert.All(await Task.WhenAll(lookups), e => Assert.Equal(Acme, e));
        Assert.Equal(1, _made);
    }

    [Fact]
    public async Task A_persons_request_does_not_make_the_registry_and_a_machine_clients_does()
    {
        var pool = new TestTokens(tenants: true);
        var validator = new AccessTokenValidator([pool.Pool], new JwksCache(new HttpClient(new JwksServer(pool)), TimeProvider.System));
        var authorizer = new PolicyAuthorizer(validator, new FakeVerifiedPermissions(), "ps-1", TestScopes.All(PolicyScope.Route),
            new RecordingLog().Log, Deferred(), "interactive-key-value-000000");
        var route = RouteTable.All.First(r => r.Access == Access.SignedIn);
        Task<AuthorizerResponse> Authorize(string token) => authorizer.AuthorizeAsync(new AuthorizerEvent
        {
            Type = "REQUEST",
            MethodArn = $"arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/{route.Methods[0]}{route.Path}",
            Resource = route.Path,
            HttpMethod = route.Methods[0],
            Headers = new() { ["Authorization"] = $"Bearer {token}" },
        });

        Assert.True((await Authorize(pool.Access(groups: ["customers"]))).IsAllow);
        Assert.Equal(0, _made);

        var machine = await Authorize(pool.Machine("acme-client"));
        Assert.Equal(Acme.ApiKeyValue, machine.UsageIdentifierKey);
        Assert.Equal(1, _made);
    }

    private sealed class Fixed : ITenantRegistry
    {
        public Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default) => Task.FromResult<TenantEntry?>(Acme);
    }
}
