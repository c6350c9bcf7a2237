using System.Collections.Concurrent;

namespace PetStore.Lambdas.Tenants;

/// <summary>
/// Registry answers kept for at most <paramref name="ttl"/> (found or not found), so a busy tenant costs one read per
/// TTL per execution environment, and a change (a new, suspended or removed tenant) is seen within it. A failed read
/// is never cached and never served from an expired entry: the caller fails closed. Bounded: at most
/// <paramref name="maxEntries"/> identities are kept (expired ones make room; when all are live, an answer is given
/// without being kept), and concurrent lookups of one identity share one read, which no single caller's
/// cancellation cancels (the registry client's timeout bounds it).
/// </summary>
public sealed class CachedTenantRegistry(ITenantRegistry registry, TimeSpan ttl, TimeProvider clock, int maxEntries = CachedTenantRegistry.DefaultMaxEntries)
    : ITenantRegistry
{
    /// <summary>The longest a cached answer may live; the configuration allows no more.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromMinutes(5);

    /// <summary>Identities kept at most: a few hundred bytes each, so a few megabytes of the function's memory at worst.</summary>
    public const int DefaultMaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (TenantEntry? Entry, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<TenantEntry?>> _reading = new(StringComparer.Ordinal);
    private readonly Lock _keeping = new();
    private readonly TimeSpan _ttl = ttl > MaxTtl ? MaxTtl : ttl;

    /// <summary>How many identities are kept now.</summary>
    public int Count => _entries.Count;

    public Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(identityKey, out var cached))
        {
            if (cached.Expires > clock.GetUtcNow()) return Task.FromResult(cached.Entry);
            _entries.TryRemove(KeyValuePair.Create(identityKey, cached));
        }
        return SharedRead(identityKey).WaitAsync(cancellationToken);
    }

    /// <summary>The read of an identity in flight, or a new one: registered before it starts, removed once it has ended.</summary>
    private Task<TenantEntry?> SharedRead(string identityKey)
    {
        while (true)
        {
            if (_reading.TryGetValue(identityKey, out var inFlight)) return inFlight;
            var mine = new TaskCompletionSource<TenantEntry?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_reading.TryAdd(identityKey, mine.Task)) continue;
            _ = ReadAsync(identityKey, mine);
            return mine.Task;
        }
    }

    private async Task ReadAsync(string identityKey, TaskCompletionSource<TenantEntry?> result)
    {
        var started = clock.GetUtcNow();
        try
        {
            var entry = await registry.FindAsync(identityKey, CancellationToken.None);
            Keep(identityKey, entry, started + _ttl);
            _reading.TryRemove(KeyValuePair.Create(identityKey, result.Task));
            result.SetResult(entry);
        }
        catch (Exception e)
        {
            _reading.TryRemove(KeyValuePair.Create(identityKey, result.Task));
            result.SetException(e);
        }
    }

    private void Keep(string identityKey, TenantEntry? entry, DateTimeOffset expires)
    {
        if (_ttl <= TimeSpan.Zero) return;
        lock (_keeping)
        {
            if (_entries.Count >= maxEntries && !_entries.ContainsKey(identityKey))
            {
                var now = clock.GetUtcNow();
                foreach (var kept in _entries.Where(e => e.Value.Expires <= now)) _entries.TryRemove(kept);
                if (_entries.Count >= maxEntries) return;
            }
            _entries[identityKey] = (entry, expires);
        }
    }
}
