using System.Text.Json;

namespace PetStore.Contract;

/// <summary>Reading a verified token's claims: by name, or by a path into nested objects (<c>["realm_access","roles"]</c>).</summary>
public static class TokenClaims
{
    /// <summary>Claims that name the client a token was issued to, by provider: Cognito and RFC 9068, Auth0/Entra ID v2/Keycloak, Okta, Entra ID v1.</summary>
    public static readonly IReadOnlyList<string> ClientClaims = ["client_id", "azp", "cid", "appid"];

    /// <summary>
    /// Claims only a person's token carries (Cognito's username and groups): a machine client's token that carries one is
    /// refused rather than taken for either.
    /// </summary>
    public static readonly IReadOnlyList<string> PersonClaims = ["username", CognitoClaims.Groups];

    public static string? Text(JsonElement claims, string name) =>
        claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement? At(JsonElement claims, IReadOnlyList<string> path)
    {
        var current = claims;
        foreach (var name in path)
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
        return current;
    }

    /// <summary>The one string at a claim path (a tenant id), or null.</summary>
    public static string? Single(JsonElement claims, IReadOnlyList<string> path) =>
        At(claims, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>
    /// The store ids at a claim path: a comma-separated string or an array of strings. An entry that is not a store id
    /// (<see cref="Store.IsValidId"/>) is dropped, so a malformed claim grants fewer stores, never another one.
    /// </summary>
    public static IReadOnlyList<string> StoreIds(JsonElement claims, IReadOnlyList<string> path)
    {
        if (path.Count == 0 || At(claims, path) is not { } value) return [];
        IEnumerable<string> entries = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split(','),
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
            _ => [],
        };
        return [.. entries.Where(Store.IsValidId).Distinct().Order(StringComparer.Ordinal)];
    }
}
