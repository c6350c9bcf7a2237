using System.Text;

namespace PetStore.Contract;

/// <summary>
/// The one reading of a request's path parameters. The authorizer gives Cedar what this returns, and the handlers act
/// on what this returns, so a policy about a value and the handler's action on it can never see two spellings of it.
/// A value is percent-decoded exactly once and must then be canonical: an id exactly as the API returns it; a path of
/// non-empty segments without <c>.</c> or <c>..</c> or white space around them; no <c>%</c> left (a value encoded twice), no control, invisible
/// or bidirectional characters, text in NFC. Anything else is refused, never repaired. Why decoding once is safe
/// whether or not API Gateway has already decoded: docs/API.md, "Path parameters".
/// </summary>
public static class RouteParameters
{
    /// <summary>The longest greedy value accepted, in UTF-16 units once decoded.</summary>
    public const int MaxPathLength = 1024;

    private const int IdLength = 36;

    /// <summary>Reads every parameter <paramref name="route"/> declares from what API Gateway delivered.</summary>
    public static RouteParameterReading Read(Route route, IReadOnlyDictionary<string, string>? delivered)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, kind) in route.Parameters)
        {
            var raw = delivered is not null && delivered.TryGetValue(name, out var found) ? found : null;
            if (!TryRead(name, kind, raw, out var value, out var problem)) return new RouteParameterReading(values, problem, name);
            values[name] = value;
        }
        return new RouteParameterReading(values, null);
    }

    /// <summary>Reads one value of a parameter of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public static bool TryRead(string name, PathParameterKind kind, string? delivered, out string value, out string problem)
    {
        value = "";
        if (string.IsNullOrEmpty(delivered))
        {
            problem = $"{name} is missing.";
            return false;
        }
        if (!TryDecodeOnce(delivered, out var decoded, out var encodingProblem))
        {
            problem = $"{name} {encodingProblem}.";
            return false;
        }
        var kindProblem = kind switch
        {
            PathParameterKind.Id => IsCanonicalId(decoded) ? null : $"must be an id as this API returns it: a UUID in lower case ({IdLength} characters, 8-4-4-4-12 hex digits)",
            _ => PathProblem(decoded),
        };
        if (kindProblem is not null)
        {
            problem = $"{name} {kindProblem}.";
            return false;
        }
        value = decoded;
        problem = "";
        return true;
    }

    /// <summary>A UUID in the one spelling this API writes: <c>Guid.ToString("D")</c>.</summary>
    /// <summary>An id as JSON Schema checks it (ECMA 262): a UUID in lower case, the same rule as <see cref="IsCanonicalId"/>.</summary>
    public const string IdPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + TextRules.EndOfText;

    public static bool IsCanonicalId(string text) =>
        text.Length == IdLength && Guid.TryParseExact(text, "D", out var id) && id.ToString("D") == text;

    private static string? PathProblem(string path)
    {
        if (path.Length > MaxPathLength) return $"must be at most {MaxPathLength} characters";
        if (path.Split('/').Any(s => s is "" or "." or ".."))
            return "must be segments joined by '/', none empty, '.' or '..' (no leading, trailing or doubled slash)";
        if (path.Contains('\\')) return "must not contain '\\'";
        if (path.Split('/').Any(s => char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]))) return "must not have white space at the start or end of a segment";
        return TextProblem(path);
    }

    /// <summary>What the text rules refuse in any value: controls, invisible and bidirectional characters, and text not in NFC.</summary>
    private static string? TextProblem(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (TextRules.IsRefusedAnywhere(rune.Value))
                return System.Globalization.CharUnicodeInfo.GetUnicodeCategory(rune.Value) == System.Globalization.UnicodeCategory.Control
                    ? $"must not contain control characters (U+{rune.Value:X4})"
                    : $"must not contain invisible, formatting or bidirectional control characters (U+{rune.Value:X4})";
        }
        return TextRules.Nfc(text) == text ? null : "must be in Unicode normalization form C (NFC)";
    }

    /// <summary>
    /// Percent-decodes once: each <c>%</c> must start two hex digits, the bytes must be UTF-8, and the result must
    /// hold no <c>%</c> (a value encoded twice means two readers could decode it differently).
    /// </summary>
    public static bool TryDecodeOnce(string text, out string decoded, out string problem)
    {
        decoded = "";
        if (text.IndexOf('%') < 0)
        {
            if (TextRules.FirstUnpairedSurrogate(text) >= 0)
            {
                problem = "must be valid Unicode text";
                return false;
            }
            decoded = text;
            problem = "";
            return true;
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    problem = "has a '%' that does not start a percent-encoded byte (two hex digits)";
                    return false;
                }
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }
            if (!Rune.TryGetRuneAt(text, i, out var rune))
            {
                problem = "must be valid Unicode text";
                return false;
            }
            var written = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < written; b++) bytes.Add(utf8[b]);
            i += rune.Utf16SequenceLength - 1;
        }

        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            problem = "must be percent-encoded UTF-8";
            return false;
        }
        if (decoded.Contains('%'))
        {
            problem = "must not be percent-encoded twice (it holds '%' once decoded)";
            decoded = "";
            return false;
        }
        problem = "";
        return true;
    }
}
