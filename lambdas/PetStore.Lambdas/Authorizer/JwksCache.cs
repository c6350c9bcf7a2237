using System.Text.Json;
using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Each issuer's signing keys, fetched on first use (or ahead of it, see <see cref="Prefetch"/>) and kept for the
/// life of the execution environment. A token signed with an unknown key id triggers one refetch (the issuer rotating
/// keys), at most once a minute per issuer. An OIDC issuer configured without a JWKS URL is asked for it first through
/// OpenID Connect discovery, whose document must name exactly the configured issuer (Discovery 1.0 §4.3).
/// </summary>
public sealed class JwksCache(HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _entries = [];
    private readonly Dictionary<string, Uri> _discovered = [];
    private readonly Dictionary<string, Task> _prefetches = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record Entry(JsonWebKeys Keys, DateTimeOffset FetchedAt);

    /// <summary>
    /// Starts fetching the issuers' keys in the background, so a cold start's first request does not wait for them.
    /// A failure here is ignored: the first request fetches again and reports it.
    /// </summary>
    public void Prefetch(IEnumerable<TrustedIssuer> issuers)
    {
        foreach (var issuer in issuers)
            _prefetches[issuer.Name] = Task.Run(async () =>
            {
                try
                {
                    await KeysAsync(issuer, keyId: null);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // Retried on first use.
                }
            });
    }

    /// <exception cref="HttpRequestException">The keys could not be fetched.</exception>
    public async Task<JsonWebKeys> KeysAsync(TrustedIssuer issuer, string? keyId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var known = _entries.GetValueOrDefault(issuer.Name);
            var stale = known is null ||
                (keyId is not null && !known.Keys.TryGet(keyId, out _) && clock.GetUtcNow() - known.FetchedAt >= RefetchInterval);
            if (!stale) return known!.Keys;

            var uri = issuer.KeySetUri ?? await DiscoverAsync(issuer, cancellationToken);
            JsonWebKeys keys;
            try
            {
                keys = JsonWebKeys.Parse(await http.GetStringAsync(uri, cancellationToken));
            }
            catch (JsonException e)
            {
                throw new HttpRequestException($"The key set at {uri} is not valid JSON Web Keys: {e.Message}", e);
            }
            _entries[issuer.Name] = new Entry(keys, clock.GetUtcNow());
            return keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The <c>jwks_uri</c> of the issuer's discovery document, once per execution environment.</summary>
    private async Task<Uri> DiscoverAsync(TrustedIssuer issuer, CancellationToken cancellationToken)
    {
        if (_discovered.TryGetValue(issuer.Name, out var known)) return known;
        string? documentIssuer, jwks;
        try
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync(issuer.DiscoveryUri, cancellationToken));
            documentIssuer = Text(document.RootElement, "issuer");
            jwks = Text(document.RootElement, "jwks_uri");
        }
        catch (JsonException e)
        {
            throw new HttpRequestException($"The discovery document at {issuer.DiscoveryUri} is not JSON: {e.Message}", e);
        }
        // A document that names another issuer could hand out another issuer's keys.
        if (documentIssuer != issuer.Issuer)
            throw new HttpRequestException($"The discovery document at {issuer.DiscoveryUri} names issuer '{documentIssuer}', not '{issuer.Issuer}'.");
        if (!Uri.TryCreate(jwks, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            throw new HttpRequestException($"The discovery document at {issuer.DiscoveryUri} has no https jwks_uri.");
        return _discovered[issuer.Name] = uri;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
