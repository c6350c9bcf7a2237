using System.Buffers.Text;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The RSA signing keys of a JSON Web Key Set (RFC 7517), by key id, as Cognito publishes them. Keys that are not
/// RSA signature keys for RS256, are shorter than 2048 or longer than 4096 bits, or have an exponent over 32 bits, are
/// left out.
/// </summary>
public sealed class JsonWebKeys
{
    private const int MinimumKeyBits = 2048;

    /// <summary>Verifying costs grow with the modulus and the exponent: no provider signs with more (65537 is 17 bits).</summary>
    private const int MaximumKeyBits = 4096;
    private const int MaximumExponentBits = 32;

    private readonly Dictionary<string, SigningKey> _keys;

    private JsonWebKeys(Dictionary<string, SigningKey> keys) => _keys = keys;

    public int Count => _keys.Count;

    public bool TryGet(string keyId, out SigningKey key) => _keys.TryGetValue(keyId, out key!);

    /// <exception cref="JsonException">The document is not a key set.</exception>
    public static JsonWebKeys Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <exception cref="JsonException">The document (UTF-8) is not a key set.</exception>
    public static JsonWebKeys Parse(ReadOnlyMemory<byte> json)
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
                if (Bits(parameters.Modulus) is < MinimumKeyBits or > MaximumKeyBits || Bits(parameters.Exponent) > MaximumExponentBits) continue;
                found[kid] = new SigningKey(parameters);
            }
            catch (Exception error) when (error is FormatException or CryptographicException)
            {
                // A malformed key signs nothing we accept.
            }
        }
        return new JsonWebKeys(found);
    }

    /// <summary>The bit length of a big-endian unsigned integer (leading zero bytes, which some encoders write, do not count).</summary>
    private static int Bits(byte[] value)
    {
        var first = Array.FindIndex(value, b => b != 0);
        return first < 0 ? 0 : (value.Length - first) * 8 - BitOperations.LeadingZeroCount((uint)value[first]) + 24;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
