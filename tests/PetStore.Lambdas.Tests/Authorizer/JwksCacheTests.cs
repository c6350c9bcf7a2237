using PetStore.Lambdas.Authorizer;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Authorizer;

/// <summary>Each pool's keys are fetched on their own: a slow key server holds up only its own pool's tokens, and only once.</summary>
public class JwksCacheTests
{
    private readonly TestTokens _users = new();
    private readonly TestTokens _staff = new("eu-west-1_Staff", "staff-key", "Staff", ["employees", "owners"]);

    /// <summary>Serves each pool's key set, holding back the answers for one URI until released.</summary>
    private sealed class HeldJwks(string heldUri, params TestTokens[] pools) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _fetches;

        public int Fetches => Volatile.Read(ref _fetches);
        public void Release() => _release.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _fetches);
            var uri = request.RequestUri!.ToString();
            if (uri == heldUri) await _release.Task.WaitAsync(cancellationToken);
            var json = pools.First(p => p.Pool.KeySetUri!.ToString() == uri).Jwks();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json) };
        }
    }

    [Fact]
    public async Task A_pool_whose_key_server_hangs_does_not_hold_up_another_pools_tokens()
    {
        var jwks = new HeldJwks(_staff.Pool.KeySetUri!.ToString(), _users, _staff);
        var validator = new AccessTokenValidator([_users.Pool, _staff.Pool], new JwksCache(new HttpClient(jwks), TimeProvider.System));

        var staffToken = validator.ValidateAsync(_staff.Access(groups: ["owners"]));
        var usersToken = validator.ValidateAsync(_users.Access(groups: ["customers"]));

        var first = await Task.WhenAny(usersToken, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(usersToken, first);
        Assert.Equal("alice", (await usersToken).Username);
        Assert.False(staffToken.IsCompleted);

        jwks.Release();
        Assert.Equal(["owners"], (await staffToken).Groups);
    }

    [Fact]
    public async Task Concurrent_first_tokens_of_a_pool_share_one_fetch()
    {
        var jwks = new HeldJwks(_users.Pool.KeySetUri!.ToString(), _users);
        var validator = new AccessTokenValidator([_users.Pool], new JwksCache(new HttpClient(jwks), TimeProvider.System));

        var waiting = Enumerable.Range(0, 8).Select(i => validator.ValidateAsync(_users.Access(sub: $"s-{i}"))).ToList();
        await Task.Delay(50);
        jwks.Release();
        await Task.WhenAll(waiting);

        Assert.Equal(1, jwks.Fetches);
    }

    [Fact]
    public async Task A_token_arriving_during_the_prefetch_waits_for_it_instead_of_fetching_again()
    {
        var jwks = new HeldJwks(_users.Pool.KeySetUri!.ToString(), _users);
        var cache = new JwksCache(new HttpClient(jwks), TimeProvider.System);
        cache.Prefetch([_users.Pool]);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (jwks.Fetches == 0 && DateTime.UtcNow < deadline) await Task.Delay(5);

        var validation = new AccessTokenValidator([_users.Pool], cache).ValidateAsync(_users.Access());
        jwks.Release();
        await validation;

        Assert.Equal(1, jwks.Fetches);
    }

    [Fact]
    public async Task A_key_set_or_discovery_document_larger_than_the_limit_is_refused_as_a_fetch_failure()
    {
        // Whitespace inside otherwise valid JSON: only the size is wrong.
        var padding = new string(' ', JwksCache.MaxDocumentBytes);
        var jwks = new JwksServer(_users);
        jwks.Overrides[_users.Pool.KeySetUri!.ToString()] = _users.Jwks().Insert(1, padding);
        var validator = new AccessTokenValidator([_users.Pool], new JwksCache(new HttpClient(jwks), TimeProvider.System));
        Assert.Contains($"more than {JwksCache.MaxDocumentBytes} bytes", (await Assert.ThrowsAsync<HttpRequestException>(() => validator.ValidateAsync(_users.Access()))).Message);

        // Just under the limit is read as usual.
        jwks.Overrides[_users.Pool.KeySetUri!.ToString()] = _users.Jwks().Insert(1, padding[..(JwksCache.MaxDocumentBytes - _users.Jwks().Length)]);
        Assert.Equal("alice", (await validator.ValidateAsync(_users.Access())).Username);

        var okta = new TestTokens("okta-key", OidcTokenShapesTests.Okta);
        var discovery = new JwksServer(okta);
        discovery.Overrides[OidcTokenShapesTests.Okta.DiscoveryUri.ToString()] =
            $$"""{"issuer":"{{OidcTokenShapesTests.Okta.Issuer}}",{{padding}}"jwks_uri":"{{JwksServer.DiscoveredJwksUri(OidcTokenShapesTests.Okta)}}"}""";
        var discovering = new AccessTokenValidator([OidcTokenShapesTests.Okta], new JwksCache(new HttpClient(discovery), TimeProvider.System));
        Assert.Contains($"more than {JwksCache.MaxDocumentBytes} bytes", (await Assert.ThrowsAsync<HttpRequestException>(() =>
            discovering.ValidateAsync(okta.Mint(new Dictionary<string, object> { ["sub"] = "u", ["cid"] = "0oa1okta", ["aud"] = "api://petstore", ["scp"] = "petstore" })))).Message);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_kept_the_next_token_fetches_again()
    {
        var jwks = new JwksServer(_users) { Down = true };
        var validator = new AccessTokenValidator([_users.Pool], new JwksCache(new HttpClient(jwks), TimeProvider.System));

        await Assert.ThrowsAsync<HttpRequestException>(() => validator.ValidateAsync(_users.Access()));
        jwks.Down = false;
        await validator.ValidateAsync(_users.Access());

        Assert.Equal(2, jwks.Fetches);
    }
}
