namespace PetStore.Contract;

/// <summary>
/// Usernames: ASCII letters and digits, with <c>.</c>, <c>_</c> and <c>-</c> between them, compared without regard to
/// case. The user pools are case-insensitive (<c>UsernameConfiguration.CaseSensitive = false</c>) and the API
/// lower-cases usernames before calling Cognito, so that an emulator that compares case-sensitively behaves the same.
/// A safe set leaves no room for look-alikes of an existing user: no Cyrillic <c>о</c> for <c>o</c>, no fullwidth
/// letters, no invisible characters, no accents.
/// </summary>
public static class UsernameRules
{
    public const int MaxLength = 128;

    /// <summary>The safe set as typed (before lower-casing), in the JSON Schema (ECMA 262) dialect; .NET reads it the same.</summary>
    public const string Pattern = "^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?" + TextRules.EndOfText;

    public const string Description =
        "must be 1 to 128 ASCII letters, digits, '.', '_' or '-', starting and ending with a letter or digit";

    private static readonly System.Text.RegularExpressions.Regex Safe = new(Pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>A username for registration: in the safe set, returned in lower case.</summary>
    public static bool TryNormalize(string username, out string normalized)
    {
        normalized = username.ToLowerInvariant();
        return username.Length <= MaxLength && Safe.IsMatch(username);
    }

    /// <summary>
    /// The username to sign in with: lower case, as registration stored it. Not restricted to the safe set, so that
    /// an account made before these rules (in a case-insensitive pool) can still sign in.
    /// </summary>
    public static string ForSignIn(string username) => username.ToLowerInvariant();
}
