using System.Text.Json;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Each pool's signing keys, fetched on first use (or ahead of it, see <see cref="Prefetch"/>) and kept for the
/// life of the execution environment. A token signed with an unknown key id triggers one refetch (Cognito rotating
/// keys), at most once a minute per pool.
/// </summary>
public sealed class JwksCache(HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _entries = [];
    private readonly Dictionary<string, Task> _prefetches = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record Entry(JsonWebKeys Keys, DateTimeOffset FetchedAt);

    /// <summary>
    /// Starts fetching the pools' keys in the background, so a cold start's first request does not wait for them.
    /// A failure here is ignored: the first request fetches again and reports it.
    /// </summary>
    public void Prefetch(IEnumerable<TrustedPool> pools)
    {
        foreach (var pool in pools)
            _prefetches[pool.UserPoolId] = Task.Run(async () =>
            {
                try
                {
                    await KeysAsync(pool, keyId: null);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // Retried on first use.
                }
            });
    }

    /// <exception cref="HttpRequestException">The keys could not be fetched.</exception>
    public async Task<JsonWebKeys> KeysAsync(TrustedPool pool, string? keyId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var known = _entries.GetValueOrDefault(pool.UserPoolId);
            var stale = known is null ||
                (keyId is not null && !known.Keys.TryGet(keyId, out _) && clock.GetUtcNow() - known.FetchedAt >= RefetchInterval);
            if (!stale) return known!.Keys;

            JsonWebKeys keys;
            try
            {
                keys = JsonWebKeys.Parse(await http.GetStringAsync(pool.JwksUri, cancellationToken));
            }
            catch (JsonException e)
            {
                throw new HttpRequestException($"The key set at {pool.JwksUri} is not valid JSON Web Keys: {e.Message}", e);
            }
            _entries[pool.UserPoolId] = new Entry(keys, clock.GetUtcNow());
            return keys;
        }
        finally
        {
            _gate.Release();
        }
    }
}
