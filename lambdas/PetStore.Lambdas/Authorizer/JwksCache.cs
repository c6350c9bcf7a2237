using System.Collections.Concurrent;
using System.Text.Json;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Each pool's signing keys, fetched on first use (or ahead of it, see <see cref="Prefetch"/>) and kept for the
/// life of the execution environment. A token signed with an unknown key id triggers one refetch (Cognito rotating
/// keys), at most once a minute per pool. Pools are independent: each has its own lock, held only to read or swap its
/// state, never across a fetch; callers that need a pool's keys while they are being fetched wait for that one fetch.
/// </summary>
public sealed class JwksCache(HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, PoolKeys> _pools = new(StringComparer.Ordinal);

    /// <summary>One pool's keys, and the fetch in flight for it, if any.</summary>
    private sealed class PoolKeys
    {
        public readonly Lock Gate = new();
        public JsonWebKeys? Keys;
        public DateTimeOffset FetchedAt;
        public Task<JsonWebKeys>? Fetching;
    }

    /// <summary>
    /// Starts fetching the pools' keys in the background, so a cold start's first request does not wait for them (or
    /// waits less: it joins the fetch). A failure here is ignored: the first request fetches again and reports it.
    /// </summary>
    public void Prefetch(IEnumerable<TrustedPool> pools)
    {
        foreach (var pool in pools)
            _ = KeysAsync(pool, keyId: null).ContinueWith(
                fetch => _ = fetch.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <exception cref="HttpRequestException">The keys could not be fetched.</exception>
    public Task<JsonWebKeys> KeysAsync(TrustedPool pool, string? keyId, CancellationToken cancellationToken = default)
    {
        var state = _pools.GetOrAdd(pool.UserPoolId, _ => new PoolKeys());
        TaskCompletionSource<JsonWebKeys> mine;
        lock (state.Gate)
        {
            var stale = state.Keys is null ||
                (keyId is not null && !state.Keys.TryGet(keyId, out _) && clock.GetUtcNow() - state.FetchedAt >= RefetchInterval);
            if (!stale) return Task.FromResult(state.Keys!);
            if (state.Fetching is { } inFlight) return inFlight.WaitAsync(cancellationToken);
            mine = new TaskCompletionSource<JsonWebKeys>(TaskCreationOptions.RunContinuationsAsynchronously);
            state.Fetching = mine.Task;
        }
        _ = FetchAsync(pool, state, mine);
        return mine.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The one fetch for a pool, outside its lock. It is not tied to the caller's cancellation: others may be waiting
    /// for it, and the HTTP client's timeout bounds it.
    /// </summary>
    private async Task FetchAsync(TrustedPool pool, PoolKeys state, TaskCompletionSource<JsonWebKeys> result)
    {
        try
        {
            var keys = Parse(pool, await http.GetStringAsync(pool.JwksUri));
            lock (state.Gate) (state.Keys, state.FetchedAt, state.Fetching) = (keys, clock.GetUtcNow(), null);
            result.SetResult(keys);
        }
        catch (Exception e)
        {
            // A failed fetch is not kept: the next caller fetches again.
            lock (state.Gate) state.Fetching = null;
            result.SetException(e);
        }
    }

    private static JsonWebKeys Parse(TrustedPool pool, string json)
    {
        try
        {
            return JsonWebKeys.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HttpRequestException($"The key set at {pool.JwksUri} is not valid JSON Web Keys: {e.Message}", e);
        }
    }
}
