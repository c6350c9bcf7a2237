using System.Security.Cryptography;

namespace PetStore.Testing;

/// <summary>
/// An authenticator app for tests (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, base32 secrets), as Cognito and
/// cognito-local verify codes.
/// </summary>
public static class Totp
{
    public static string Code(string base32Secret, DateTimeOffset at) => CodeForStep(Decode(base32Secret), at.ToUnixTimeSeconds() / 30);

    /// <summary>A code that neither this 30-second step nor its neighbours give (verifiers allow one step of drift).</summary>
    public static string CodeNoneOfTheseWindowsAccept(string base32Secret, DateTimeOffset at)
    {
        var key = Decode(base32Secret);
        var step = at.ToUnixTimeSeconds() / 30;
        var valid = new HashSet<string> { CodeForStep(key, step - 1), CodeForStep(key, step), CodeForStep(key, step + 1) };
        return Enumerable.Range(0, 4).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !valid.Contains(c));
    }

    private static string CodeForStep(byte[] key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Decode(string base32)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(Alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }
}
