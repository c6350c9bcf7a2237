using System.Collections.Concurrent;

namespace PetStore.Lambdas.Tenants;

/// <summary>
/// Registry answers kept for at most <paramref name="ttl"/> (found or not found), so a busy tenant costs one read per
/// TTL per execution environment, and a change (a new, suspended or removed tenant) is seen within it. A failed read
/// is never cached and never served from an expired entry: the caller fails closed.
/// </summary>
public sealed class CachedTenantRegistry(ITenantRegistry registry, TimeSpan ttl, TimeProvider clock) : ITenantRegistry
{
    /// <summary>The longest a cached answer may live; the configuration allows no more.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (TenantEntry? Entry, DateTimeOffset Expires)> _entries = new();
    private readonly TimeSpan _ttl = ttl > MaxTtl ? MaxTtl : ttl;

    public async Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(identityKey, out var cached) && cached.Expires > now) return cached.Entry;
        _entries.TryRemove(identityKey, out _);
        var entry = await registry.FindAsync(identityKey, cancellationToken);
        if (_ttl > TimeSpan.Zero) _entries[identityKey] = (entry, now + _ttl);
        return entry;
    }
}
