namespace PetStore.Lambdas.ApiGateway;

/// <summary>Base64url (RFC 4648 §5) without padding, as JWTs and our page tokens use it.</summary>
public static class Base64Url
{
    public static string Encode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <exception cref="FormatException">When <paramref name="text"/> is not base64url.</exception>
    public static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        if (padded.Length % 4 == 1) throw new FormatException("Not base64url.");
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
