namespace PetStore.Testing;

/// <summary>
/// Base64url read the lenient way many decoders read it (either alphabet, padding optional, unused bits ignored), to
/// show that another spelling of a token means the same bytes to them.
/// </summary>
public static class LenientBase64Url
{
    public static byte[] Decode(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        return Convert.FromBase64String(standard + new string('=', (4 - standard.Length % 4) % 4));
    }
}
