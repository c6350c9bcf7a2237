using Microsoft.IdentityModel.Tokens;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Each pool's signing keys, fetched on first use and kept for the life of the execution environment. A token
/// signed with an unknown key id triggers one refetch (Cognito rotating keys), at most once a minute per pool.
/// </summary>
public sealed class JwksCache(HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _entries = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record Entry(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);

    /// <exception cref="HttpRequestException">The keys could not be fetched.</exception>
    public async Task<IReadOnlyList<SecurityKey>> KeysAsync(TrustedPool pool, string? keyId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var known = _entries.GetValueOrDefault(pool.UserPoolId);
            var missing = known is null ||
                (keyId is not null && known.Keys.All(k => k.KeyId != keyId) && clock.GetUtcNow() - known.FetchedAt >= RefetchInterval);
            if (!missing) return known!.Keys;

            var json = await http.GetStringAsync(pool.JwksUri, cancellationToken);
            var keys = new JsonWebKeySet(json).GetSigningKeys();
            _entries[pool.UserPoolId] = new Entry([.. keys], clock.GetUtcNow());
            return [.. keys];
        }
        finally
        {
            _gate.Release();
        }
    }
}
