using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Contract;

/// <summary>
/// How an issuer's client-credentials (machine) tokens are told from people's: a claim with exactly
/// <see cref="Value"/> (Auth0 <c>gty: client-credentials</c>, Entra ID <c>idtyp: app</c>), or a claim equal to the
/// token's own client id (<see cref="EqualsClient"/>: Okta's and Cognito's <c>sub</c>, Keycloak's <c>client_id</c>).
/// </summary>
public sealed record MachineTokenRule
{
    [JsonPropertyName("claim")] public required string Claim { get; init; }

    /// <summary>The exact string the claim holds in a machine token.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }

    /// <summary>The claim holds the token's client id (the client named by <c>client_id</c>, <c>azp</c>, <c>cid</c> or <c>appid</c>).</summary>
    [JsonPropertyName("equalsClient")] public bool EqualsClient { get; init; }

    /// <summary>Cognito's: a client-credentials token's <c>sub</c> is its <c>client_id</c>; a person's is the user's id.</summary>
    public static readonly MachineTokenRule SubjectIsClient = new() { Claim = "sub", EqualsClient = true };

    /// <summary>Whether a token with these <paramref name="claims"/>, issued to <paramref name="client"/>, is a machine client's.</summary>
    public bool Matches(JsonElement claims, string? client) =>
        TokenClaims.Text(claims, Claim) is { Length: > 0 } text && (EqualsClient ? text == client : text == Value);

    public IEnumerable<string> Problems(string at)
    {
        if (string.IsNullOrWhiteSpace(Claim)) yield return $"{at}.claim must name a claim";
        if (EqualsClient == (Value is not null))
            yield return $"{at} needs exactly one of value (the claim's string in a machine token) and equalsClient: true (the claim is the token's client id)";
        if (Value is { Length: 0 }) yield return $"{at}.value must not be empty";
    }
}
