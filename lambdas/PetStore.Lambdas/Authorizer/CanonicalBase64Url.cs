namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Base64url as a JWS spells it (RFC 7515 §2): the URL alphabet, no padding, and zero unused bits in the last
/// character. Each byte string has exactly one such spelling. A lenient decoder also reads padded, standard-alphabet
/// or unused-bit variants as the same bytes, and every variant of a token is a new API Gateway cache key (and so a
/// new Verified Permissions call); this decoder refuses them.
/// </summary>
public static class CanonicalBase64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <exception cref="FormatException">The text is not the canonical spelling of any bytes; the message says why.</exception>
    public static byte[] Decode(string text)
    {
        if (text.Length % 4 == 1) throw new FormatException($"a length of {text.Length} characters encodes no whole bytes");
        var bytes = new byte[text.Length * 3 / 4];
        int buffer = 0, bits = 0, written = 0;
        foreach (var character in text)
        {
            var value = character < 128 ? Alphabet.IndexOf(character) : -1;
            if (value < 0) throw new FormatException(character switch
            {
                '=' => "padding ('=') is not allowed",
                '+' or '/' => $"'{character}' is the standard alphabet; base64url uses '-' and '_'",
                _ => $"'{character}' is not a base64url character",
            });
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits < 8) continue;
            bits -= 8;
            bytes[written++] = (byte)(buffer >> bits);
            buffer &= (1 << bits) - 1;
        }
        if (buffer != 0) throw new FormatException("the last character has unused bits set");
        return bytes;
    }
}
