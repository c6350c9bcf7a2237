using PetStore.Contract;
using PetStore.Lambdas.Tenants;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Tenants;

/// <summary>The authorizer's registry cache: bounded, found and not-found alike, failures never cached nor covered by a stale entry.</summary>
public class CachedTenantRegistryTests
{
    private readonly ManualClock _clock = new();
    private readonly Counting _registry = new();

    [Fact]
    public async Task An_answer_is_kept_for_the_TTL_then_read_again()
    {
        var cache = new CachedTenantRegistry(_registry, TimeSpan.FromSeconds(60), _clock);
        _registry.Entry = new TenantEntry("acme", "k", "gold", TenantStatus.Active);

        await cache.FindAsync("Users|a");
        _clock.Advance(TimeSpan.FromSeconds(59));
        await cache.FindAsync("Users|a");
        Assert.Equal(1, _registry.Reads);

        // A suspension written now is seen once the entry expires.
        _registry.Entry = _registry.Entry with { Status = TenantStatus.Suspended };
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TenantStatus.Suspended, (await cache.FindAsync("Users|a"))!.Status);
        Assert.Equal(2, _registry.Reads);
    }

    [Fact]
    public async Task Not_found_is_cached_too_and_a_new_tenant_is_seen_after_the_TTL()
    {
        var cache = new CachedTenantRegistry(_registry, TimeSpan.FromSeconds(30), _clock);
        Assert.Null(await cache.FindAsync("Users|b"));
        _registry.Entry = new TenantEntry("b", "k", "gold", TenantStatus.Active);
        Assert.Null(await cache.FindAsync("Users|b"));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.NotNull(await cache.FindAsync("Users|b"));
    }

    [Fact]
    public async Task A_failure_is_not_cached_and_an_expired_entry_is_not_served_during_one()
    {
        var cache = new CachedTenantRegistry(_registry, TimeSpan.FromSeconds(60), _clock);
        _registry.Entry = new TenantEntry("acme", "k", "gold", TenantStatus.Active);
        await cache.FindAsync("Users|a");
        _clock.Advance(TimeSpan.FromSeconds(61));

        _registry.Failure = new HttpRequestException("down");
        await Assert.ThrowsAsync<HttpRequestException>(() => cache.FindAsync("Users|a"));
        await Assert.ThrowsAsync<HttpRequestException>(() => cache.FindAsync("Users|a"));

        _registry.Failure = null;
        Assert.NotNull(await cache.FindAsync("Users|a"));
    }

    [Fact]
    public async Task The_TTL_is_bounded()
    {
        var cache = new CachedTenantRegistry(_registry, TimeSpan.FromHours(1), _clock);
        await cache.FindAsync("Users|a");
        _clock.Advance(CachedTenantRegistry.MaxTtl);
        await cache.FindAsync("Users|a");
        Assert.Equal(2, _registry.Reads);
    }

    private sealed class Counting : ITenantRegistry
    {
        public TenantEntry? Entry { get; set; }
        public Exception? Failure { get; set; }
        public int Reads { get; private set; }

        public Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default)
        {
            Reads++;
            return Failure is not null ? Task.FromException<TenantEntry?>(Failure) : Task.FromResult(Entry);
        }
    }
}
