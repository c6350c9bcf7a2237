using System.Globalization;
using System.Text;
using ADRaffy.ENSNormalize;

namespace PetStore.Contract;

/// <summary>
/// What free text from a client must be, as people read it: valid Unicode (no unpaired surrogate, no U+FFFD, which
/// is what bytes that were not UTF-8 become), normalised to NFC, without characters that cannot be seen or that
/// reorder the text around them, and measured in text elements (user-perceived characters: 🐶, é or a family emoji
/// each count as one). The functions apply it to every text field; the request models refuse the same characters
/// where JSON Schema can say so (<see cref="JsonSchemaPattern"/>).
/// </summary>
public static class TextRules
{
    /// <summary>
    /// The most code points one text element may stack (a family emoji with skin tones has 11). Bounds the UTF-16
    /// length of valid text, which is what a request model can check, and keeps "Zalgo" text out.
    /// </summary>
    public const int MaxCodePointsPerElement = 16;

    private const int ZeroWidthJoiner = 0x200D;
    private const int ReplacementCharacter = 0xFFFD;

    /// <summary>
    /// Checks <paramref name="text"/> and returns it in NFC, trimmed of surrounding spaces, or says what is wrong
    /// (a phrase to follow the field name: "must not contain ...").
    /// </summary>
    public static bool TryNormalize(string text, int minElements, int maxElements, out string value, out string problem)
    {
        value = "";
        if (FirstUnpairedSurrogate(text) >= 0)
        {
            problem = "must be valid Unicode text (it contains an unpaired surrogate)";
            return false;
        }

        // Checked as stored, after trimming: a joiner or selector that followed a trimmed space would lead the value.
        var trimmed = Nfc(text).Trim();
        if (FirstRefused(trimmed) is { } refused)
        {
            problem = refused;
            return false;
        }

        var elements = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(trimmed);
        while (enumerator.MoveNext())
        {
            elements++;
            var element = (string)enumerator.Current;
            if (element.EnumerateRunes().Count() > MaxCodePointsPerElement)
            {
                problem = $"must not stack more than {MaxCodePointsPerElement} code points into one character";
                return false;
            }
        }
        if (elements < minElements || elements > maxElements)
        {
            problem = $"must be {minElements} to {maxElements} characters";
            return false;
        }

        value = trimmed;
        problem = "";
        return true;
    }

    /// <summary>NFC. ASCII text is already in NFC, so only other text pays for the normalizer (its tables load on first use).</summary>
    public static string Nfc(string text) => Ascii.IsValid(text) ? text : ENSNormalize.NF.NFC(text);

    /// <summary>Index of the first unpaired surrogate, or -1.</summary>
    public static int FirstUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return i;
        }
        return -1;
    }

    /// <summary>The problem with the first character the rules refuse where it stands, or null.</summary>
    private static string? FirstRefused(string text)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var runes = ((string)enumerator.Current).EnumerateRunes().ToList();
            for (var i = 0; i < runes.Count; i++)
            {
                var rune = runes[i].Value;
                if (IsRefusedAnywhere(rune)) return Describe(rune);
                // A joiner belongs between two characters of one sequence, a variation selector after its base.
                if (rune == ZeroWidthJoiner && (i == 0 || i == runes.Count - 1)) return Describe(rune);
                if (IsVariationSelector(rune) && i == 0) return Describe(rune);
            }
        }
        return null;
    }

    private static string Describe(int rune) => rune switch
    {
        ReplacementCharacter => "must be valid UTF-8 (it contains U+FFFD, which stands for bytes that were not)",
        _ when Rune.GetUnicodeCategory(new Rune(rune)) == UnicodeCategory.Control =>
            $"must not contain control characters (U+{rune:X4})",
        _ => $"must not contain invisible, formatting or bidirectional control characters (U+{rune:X4})",
    };

    /// <summary>
    /// Characters refused wherever they stand: controls, line and paragraph separators, format characters (bidi
    /// controls, zero-width spaces, the BOM, tags), Unicode's default-ignorable code points (fillers and
    /// other characters that render as nothing), noncharacters, and U+FFFD. The joiner and the variation selectors
    /// are default-ignorable too but are allowed inside emoji and other sequences (see <see cref="TryNormalize"/>).
    /// </summary>
    public static bool IsRefusedAnywhere(int codePoint)
    {
        if (codePoint == ZeroWidthJoiner || IsVariationSelector(codePoint)) return false;
        if (codePoint == ReplacementCharacter || IsNoncharacter(codePoint) || IsDefaultIgnorable(codePoint)) return true;
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    private static bool IsVariationSelector(int c) => c is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    private static bool IsNoncharacter(int c) => c is >= 0xFDD0 and <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;

    /// <summary>Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt), including its reserved ranges.</summary>
    private static bool IsDefaultIgnorable(int c) => c is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5
        or (>= 0x180B and <= 0x180F) or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2060 and <= 0x206F)
        or 0x3164 or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF or 0xFFA0 or (>= 0xFFF0 and <= 0xFFF8) or (>= 0x1BCA0 and <= 0x1BCA3)
        or (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE0FFF);

    /// <summary>
    /// An upper bound on the UTF-16 length of valid text of <paramref name="maxElements"/> characters, for request
    /// models (JSON Schema validators count UTF-16 units or code points; this bounds both).
    /// </summary>
    public static int MaxUtf16Length(int maxElements) => maxElements * MaxCodePointsPerElement * 2;

    /// <summary>
    /// A JSON Schema (ECMA 262) pattern refusing the Basic Multilingual Plane characters that
    /// <see cref="IsRefusedAnywhere"/> refuses. Without the regex <c>u</c> flag a pattern cannot name code points
    /// above U+FFFF or see unpaired surrogates, and it cannot judge context; the functions check those.
    /// </summary>
    public static string JsonSchemaPattern { get; } = BuildPattern();

    /// <summary>
    /// End of input in every regex dialect a validator may use: <c>$</c> also matches before a final line feed in
    /// .NET and Java.
    /// </summary>
    public const string EndOfText = "(?![\\s\\S])";

    private static string BuildPattern()
    {
        var ranges = new List<(int First, int Last)>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c) || !IsRefusedAnywhere(c)) continue;
            if (ranges.Count > 0 && ranges[^1].Last == c - 1) ranges[^1] = (ranges[^1].First, c);
            else ranges.Add((c, c));
        }
        var set = new StringBuilder();
        foreach (var (first, last) in ranges)
            set.Append(first == last ? $"\\u{first:X4}" : $"\\u{first:X4}-\\u{last:X4}");
        return $"^[^{set}]*{EndOfText}";
    }
}
