using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// A Cognito user pool whose access tokens the authorizer accepts: its app clients, and the groups it is trusted
/// to grant (a group claim outside <see cref="Groups"/> is ignored). <see cref="Issuer"/> and <see cref="JwksUri"/>
/// default to Cognito's; local mode points them at its emulator.
/// </summary>
public sealed record TrustedPool
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("userPoolId")] public required string UserPoolId { get; init; }
    [JsonPropertyName("clientIds")] public required IReadOnlyList<string> ClientIds { get; init; }
    [JsonPropertyName("groups")] public required IReadOnlyList<string> Groups { get; init; }
    [JsonPropertyName("issuer")] public string? IssuerOverride { get; init; }
    [JsonPropertyName("jwksUri")] public string? JwksUriOverride { get; init; }

    /// <summary>Cognito pool ids start with their region: <c>eu-west-1_AbCd</c>.</summary>
    [JsonIgnore] public string Region => UserPoolId.Split('_')[0];

    [JsonIgnore] public string Issuer => IssuerOverride ?? $"https://cognito-idp.{Region}.amazonaws.com/{UserPoolId}";

    [JsonIgnore] public Uri JwksUri => new(JwksUriOverride ?? $"{Issuer}/.well-known/jwks.json");

    /// <summary>Reads the <c>TRUSTED_USER_POOLS</c> JSON array; a bad value fails initialization with the reason.</summary>
    public static IReadOnlyList<TrustedPool> ParseList(string json)
    {
        IReadOnlyList<TrustedPool>? pools;
        try
        {
            pools = JsonSerializer.Deserialize(json, TrustedPoolJson.Default.IReadOnlyListTrustedPool);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"TRUSTED_USER_POOLS is not a valid list of pools: {e.Message}");
        }
        if (pools is null || pools.Count == 0) throw new InvalidOperationException("TRUSTED_USER_POOLS must list at least one pool.");
        foreach (var pool in pools)
        {
            if (!pool.UserPoolId.Contains('_')) throw new InvalidOperationException($"TRUSTED_USER_POOLS: '{pool.UserPoolId}' is not a user pool id.");
            if (pool.ClientIds.Count == 0) throw new InvalidOperationException($"TRUSTED_USER_POOLS: pool {pool.Name} has no client ids.");
        }
        return pools;
    }
}

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(IReadOnlyList<TrustedPool>))]
internal sealed partial class TrustedPoolJson : JsonSerializerContext;
