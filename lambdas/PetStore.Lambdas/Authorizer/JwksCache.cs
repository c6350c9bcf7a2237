using System.Collections.Concurrent;
using System.Text.Json;
using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Each issuer's signing keys, fetched on first use (or ahead of it, see <see cref="Prefetch"/>) and kept for the
/// life of the execution environment. A token signed with an unknown key id triggers one refetch (the issuer rotating
/// keys), at most once a minute per issuer. An OIDC issuer configured without a JWKS URL is asked for it first through
/// OpenID Connect discovery, whose document must name exactly the configured issuer (Discovery 1.0 §4.3). Issuers are
/// independent: each has its own lock, held only to read or swap its state, never across a fetch; callers that need an
/// issuer's keys while they are being fetched wait for that one fetch.
/// </summary>
public sealed class JwksCache(HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most a key set or discovery document may hold (real ones are a few kilobytes; Entra ID's, with certificates,
    /// about twenty): a larger answer is refused unread, so a misbehaving endpoint cannot fill the function's memory.
    /// </summary>
    public const int MaxDocumentBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, IssuerKeys> _issuers = new(StringComparer.Ordinal);

    /// <summary>One issuer's keys, its discovered key set URL, and the fetch in flight for it, if any.</summary>
    private sealed class IssuerKeys
    {
        public readonly Lock Gate = new();
        public JsonWebKeys? Keys;
        public DateTimeOffset FetchedAt;
        public Uri? Discovered;
        public Task<JsonWebKeys>? Fetching;
    }

    /// <summary>
    /// Starts fetching the issuers' keys in the background, so a cold start's first request does not wait for them (or
    /// waits less: it joins the fetch). A failure here is ignored: the first request fetches again and reports it.
    /// </summary>
    public void Prefetch(IEnumerable<TrustedIssuer> issuers)
    {
        foreach (var issuer in issuers)
            _ = KeysAsync(issuer, keyId: null).ContinueWith(
                fetch => _ = fetch.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <exception cref="HttpRequestException">The keys could not be fetched.</exception>
    public Task<JsonWebKeys> KeysAsync(TrustedIssuer issuer, string? keyId, CancellationToken cancellationToken = default)
    {
        var state = _issuers.GetOrAdd(issuer.Name, _ => new IssuerKeys());
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
        _ = FetchAsync(issuer, state, mine);
        return mine.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The one fetch for an issuer (its discovery document first, once, if it has no configured key set), outside its
    /// lock. It is not tied to the caller's cancellation: others may be waiting for it, and the HTTP client's timeout
    /// bounds it.
    /// </summary>
    private async Task FetchAsync(TrustedIssuer issuer, IssuerKeys state, TaskCompletionSource<JsonWebKeys> result)
    {
        try
        {
            var discovered = issuer.KeySetUri is null ? state.Discovered ?? await DiscoverAsync(issuer) : null;
            var uri = issuer.KeySetUri ?? discovered!;
            var keys = Parse(uri, await GetBoundedAsync(uri));
            lock (state.Gate) (state.Keys, state.FetchedAt, state.Discovered, state.Fetching) = (keys, clock.GetUtcNow(), discovered, null);
            result.SetResult(keys);
        }
        catch (Exception e)
        {
            // A failed fetch is not kept: the next caller fetches again.
            lock (state.Gate) state.Fetching = null;
            result.SetException(e);
        }
    }

    /// <summary>The <c>jwks_uri</c> of the issuer's discovery document.</summary>
    private async Task<Uri> DiscoverAsync(TrustedIssuer issuer)
    {
        string? documentIssuer, jwks;
        try
        {
            using var document = JsonDocument.Parse(await GetBoundedAsync(issuer.DiscoveryUri));
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
        return uri;
    }

    /// <summary>The body of a GET, read up to <see cref="MaxDocumentBytes"/>.</summary>
    /// <exception cref="HttpRequestException">Not a success, or larger than the limit.</exception>
    private async Task<byte[]> GetBoundedAsync(Uri uri)
    {
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var tooLarge = new HttpRequestException($"The document at {uri} has more than {MaxDocumentBytes} bytes.");
        if (response.Content.Headers.ContentLength > MaxDocumentBytes) throw tooLarge;
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[MaxDocumentBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length))) > 0) length += read;
        return length > MaxDocumentBytes ? throw tooLarge : buffer[..length];
    }

    private static JsonWebKeys Parse(Uri uri, byte[] json)
    {
        try
        {
            return JsonWebKeys.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HttpRequestException($"The key set at {uri} is not valid JSON Web Keys: {e.Message}", e);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
