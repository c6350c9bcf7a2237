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

    [Fact]
    public async Task The_number_of_entries_is_bounded_and_expired_ones_make_room()
    {
        var cache = new CachedTenantRegistry(_registry, TimeSpan.FromSeconds(60), _clock, maxEntries: 2);
        await cache.FindAsync("Users|a");
        await cache.FindAsync("Users|b");

        // Full: a third identity is answered but not kept; the two kept ones still are.
        await cache.FindAsync("Users|c");
        await cache.FindAsync("Users|c");
        Assert.Equal(4, _registry.Reads);
        await cache.FindAsync("Users|a");
        await cache.FindAsync("Users|b");
        Assert.Equal(4, _registry.Reads);
        Assert.Equal(2, cache.Count);

        // Once they expire, they make room.
        _clock.Advance(TimeSpan.FromSeconds(60));
        await cache.FindAsync("Users|c");
        await cache.FindAsync("Users|c");
        Assert.Equal(5, _registry.Reads);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Concurrent_lookups_of_one_identity_share_one_read_and_its_failure()
    {
        var held = new Held();
        var cache = new CachedTenantRegistry(held, TimeSpan.FromSeconds(60), _clock);

        var lookups = Enumerable.Range(0, 20).Select(_ => cache.FindAsync("Users|a")).ToList();
        var other = cache.FindAsync("Users|b");
        held.Release(new TenantEntry("acme", "k", "gold", TenantStatus.Active));

        Assert.All(await Task.WhenAll(lookups), e => Assert.Equal("acme", e!.Tenant));
        await other;
        Assert.Equal(2, held.Reads);

        // A failed shared read fails every caller waiting for it, and is not kept.
        var failing = new Held();
        var failingCache = new CachedTenantRegistry(failing, TimeSpan.FromSeconds(60), _clock);
        var waiting = Enumerable.Range(0, 5).Select(_ => failingCache.FindAsync("Users|a")).ToList();
        failing.Fail(new HttpRequestException("down"));
        foreach (var lookup in waiting) await Assert.ThrowsAsync<HttpRequestException>(() => lookup);
        Assert.Equal(1, failing.Reads);
        failing.Reset();
        var again = failingCache.FindAsync("Users|a");
        failing.Release(null);
        Assert.Null(await again);
        Assert.Equal(2, failing.Reads);
    }

    [Fact]
    public async Task One_callers_cancellation_does_not_cancel_the_read_others_wait_for()
    {
        var held = new Held();
        var cache = new CachedTenantRegistry(held, TimeSpan.FromSeconds(60), _clock);
        using var impatient = new CancellationTokenSource();

        var first = cache.FindAsync("Users|a", impatient.Token);
        var second = cache.FindAsync("Users|a");
        await impatient.CancelAsync();
        // Bounded, so a cancellation that is not honoured fails the test instead of hanging it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
        held.Release(new TenantEntry("acme", "k", "gold", TenantStatus.Active));

        Assert.Equal("acme", (await second)!.Tenant);
        Assert.Equal(1, held.Reads);
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

    /// <summary>A registry whose reads all wait until the test answers them.</summary>
    private sealed class Held : ITenantRegistry
    {
        private TaskCompletionSource<TenantEntry?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);
        public void Release(TenantEntry? entry) => _answer.TrySetResult(entry);
        public void Fail(Exception failure) => _answer.TrySetException(failure);
        public void Reset() => _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return _answer.Task;
        }
    }
}
