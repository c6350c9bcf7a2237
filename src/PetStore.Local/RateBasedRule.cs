namespace PetStore.Local;

/// <summary>
/// One of the edge web ACL's rate-based rules, emulated as AWS WAF documents them: it counts each aggregation key's
/// requests over the evaluation window looking back from now, and it checks the rate now and then (every
/// <paramref name="evaluation"/>, AWS's "frequently": usually within 30 s), not on each request. A check blocks the
/// keys over the limit and releases those under it; between checks the verdict stands. Requests without the key are
/// not counted (WAF omits them). Every request the rule sees is counted, those it blocks too.
/// </summary>
public sealed class RateBasedRule(string name, int limit, TimeSpan window, TimeSpan evaluation, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blocked = new(StringComparer.Ordinal);
    private DateTimeOffset _checked = clock.GetUtcNow();

    public string Name { get; } = name;

    /// <summary>Counts a request of <paramref name="key"/> and says whether the rule blocks it.</summary>
    public bool Blocks(string? key)
    {
        if (key is null) return false;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_seen.TryGetValue(key, out var times)) _seen[key] = times = new Queue<DateTimeOffset>();
            times.Enqueue(now);
            if (now - _checked >= evaluation) Check(now);
            return _blocked.Contains(key);
        }
    }

    private void Check(DateTimeOffset now)
    {
        foreach (var (key, times) in _seen.ToList())
        {
            while (times.Count > 0 && times.Peek() <= now - window) times.Dequeue();
            if (times.Count > limit) _blocked.Add(key);
            else _blocked.Remove(key);
            if (times.Count == 0) _seen.Remove(key);
        }
        _checked = now;
    }
}
