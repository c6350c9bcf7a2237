using System.Text.RegularExpressions;

namespace PetStore.Contract;

/// <summary>
/// Email addresses mail can be sent to in practice: <c>local@domain</c> where the local part is dot-separated
/// RFC 5322 atoms (letters, digits and <c>!#$%&amp;'*+/=?^_`{|}~-</c>, at most 64 characters) and the domain is a
/// DNS host name of at least two labels with an alphabetic (or <c>xn--</c>) top-level label. Refused: IP literals
/// (<c>a@[127.0.0.1]</c>), quoted local parts, comments, single-label hosts and raw non-ASCII (internationalised
/// domains are written in their <c>xn--</c> form).
/// </summary>
public static class EmailRules
{
    public const int MaxLength = 254;
    public const int LocalPartMaxLength = 64;

    private const string Atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private const string Label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    /// <summary>The whole rule, lengths included, in the JSON Schema (ECMA 262) dialect; .NET reads it the same.</summary>
    public static readonly string Pattern =
        $"^(?=[^@]{{1,{LocalPartMaxLength}}}@)" + Atom + "(?:\\." + Atom + ")*@(?:" + Label + "\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})" + TextRules.EndOfText;

    public const string Description = "must be an email address such as name@example.com (no IP addresses, quotes or comments)";

    private static readonly Regex Address = new(Pattern, RegexOptions.CultureInvariant);

    public static bool IsValid(string email) => email.Length <= MaxLength && Address.IsMatch(email);
}
