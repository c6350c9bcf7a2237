using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The RSA signing keys of a JSON Web Key Set (RFC 7517), by key id, as Cognito publishes them. Keys that are not
/// RSA signature keys for RS256, or are shorter than 2048 bits, are left out.
/// </summary>
public sealed class JsonWebKeys
{
    private const int MinimumKeyBits = 2048;

    private readonly Dictionary<string, SigningKey> _keys;

    private JsonWebKeys(Dictionary<string, SigningKey> keys) => _keys = keys;

    public int Count => _keys.Count;

    public bool TryGet(string keyId, out SigningKey key) => _keys.TryGetValue(keyId, out key!);

    /// <exception cref="JsonException">The document is not a key set.</exception>
    public static JsonWebKeys Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            throw new JsonException("A JSON Web Key Set has a \"keys\" array.");

        var found = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object) continue;
            if (Text(key, "kty") != "RSA" || Text(key, "kid") is not { Length: > 0 } kid) continue;
            if (Text(key, "use") is { } use && use != "sig") continue;
            if (Text(key, "alg") is { } alg && alg != "RS256") continue;
            if (Text(key, "n") is not { } n || Text(key, "e") is not { } e) continue;
            try
            {
                var parameters = new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) };
                if (parameters.Modulus.Length * 8 < MinimumKeyBits) continue;
                found[kid] = new SigningKey(parameters);
            }
            catch (Exception error) when (error is FormatException or CryptographicException)
            {
                // A malformed key signs nothing we accept.
            }
        }
        return new JsonWebKeys(found);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
