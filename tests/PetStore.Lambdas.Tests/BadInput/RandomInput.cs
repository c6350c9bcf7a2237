using System.Globalization;
using System.Text;

namespace PetStore.Lambdas.Tests.BadInput;

/// <summary>
/// Seeded generators of what a client can send: byte strings, Unicode text (lone surrogates, controls, bidi and
/// zero-width characters, combining marks, emoji, look-alike letters), JSON number literals and whole JSON documents,
/// well-formed or broken. One <see cref="Random"/> per case, so a failing case is replayed from its seed.
/// </summary>
public sealed class RandomInput(int seed)
{
    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>The base seed: fixed so CI is repeatable; set PROPERTY_SEED to explore others.</summary>
    public static int BaseSeed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("PROPERTY_SEED"), out var seed) ? seed : 20261130;

    /// <summary>Cases per property: PROPERTY_RUNS, or a number that keeps the whole suite within a few seconds.</summary>
    public static int Runs(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("PROPERTY_RUNS"), out var runs) && runs > 0 ? runs : fallback;

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public byte[] Bytes(int maxLength)
    {
        var bytes = new byte[_random.Next(maxLength + 1)];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A JSON text with some bytes changed: most of it parses as far as the damage.</summary>
    public byte[] Damaged(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        for (var n = _random.Next(1, 4); n > 0 && bytes.Count > 0; n--)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(3))
            {
                case 0: bytes[at] = (byte)_random.Next(256); break;
                case 1: bytes.RemoveAt(at); break;
                default: bytes.InsertRange(at, Pick<byte[]>([[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0]])); break;
            }
        }
        return [.. bytes];
    }

    private static readonly (int First, int Last)[] CodePointPools =
    [
        (0x20, 0x7E), (0x20, 0x7E), (0x20, 0x7E), // ASCII letters, digits, punctuation (often)
        (0x00, 0x1F), (0x7F, 0x9F), // C0 and C1 controls
        (0xA0, 0x17F), // Latin-1 and Latin Extended-A
        (0x300, 0x36F), // combining marks
        (0x400, 0x45F), // Cyrillic (о, а, е look like Latin)
        (0x600, 0x6FF), // Arabic
        (0x1100, 0x1160), // Hangul jamo and fillers
        (0x2000, 0x206F), // spaces, zero-width characters, bidi controls, invisible operators
        (0x3000, 0x3164), // CJK punctuation and the Hangul filler
        (0x4E00, 0x4EFF), // CJK ideographs
        (0xD800, 0xDFFF), // surrogates, alone
        (0xFDD0, 0xFDEF), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFF01, 0xFF5E), (0xFFF0, 0xFFFF), // noncharacters, selectors, BOM, fullwidth, specials
        (0x1F300, 0x1FAFF), (0x1F3FB, 0x1F3FF), (0x200D, 0x200D), // emoji, skin tones, the joiner
        (0xE0000, 0xE01EF), // tags and supplementary variation selectors
        (0x0, 0x10FFFF), // anything
    ];

    /// <summary>Text of up to <paramref name="maxCodePoints"/> code points, lone surrogates included (as UTF-16 units).</summary>
    public string Text(int maxCodePoints)
    {
        var text = new StringBuilder();
        for (var n = _random.Next(maxCodePoints + 1); n > 0; n--)
        {
            var (first, last) = Pick(CodePointPools);
            var c = _random.Next(first, last + 1);
            if (c is >= 0xD800 and <= 0xDFFF || c <= 0xFFFF) text.Append((char)c);
            else text.Append(char.ConvertFromUtf32(c));
        }
        return text.ToString();
    }

    /// <summary>A JSON string literal for <paramref name="text"/>, escaping at random (and always where JSON needs it).</summary>
    public string JsonString(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < 0x20 || char.IsSurrogate(c) || Chance(0.1))
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else json.Append(c);
        }
        // Raw surrogate pairs were escaped one unit at a time above, which JSON reads back as the same pair.
        return json.Append('"').ToString();
    }

    /// <summary>A JSON number literal, mostly well-formed: huge and tiny exponents, long fractions, signs, zeros.</summary>
    public string NumberLiteral()
    {
        if (Chance(0.05)) return Pick(["1.", ".5", "+1", "01", "1e", "--1", "0x10", "NaN", "Infinity", "1_000", "١"]);
        var literal = new StringBuilder();
        if (Chance(0.2)) literal.Append('-');
        literal.Append(Chance(0.3) ? "0" : Digits(1, 9, leadingNonZero: true));
        if (Chance(0.6)) literal.Append('.').Append(Digits(1, Chance(0.2) ? 40 : 4, leadingNonZero: false));
        if (Chance(0.3))
            literal.Append(Pick(["e", "E"])).Append(Pick(["", "+", "-"])).Append(Chance(0.1) ? Digits(1, 20, false) : _random.Next(0, 12).ToString(CultureInfo.InvariantCulture));
        return literal.ToString();
    }

    private string Digits(int min, int max, bool leadingNonZero)
    {
        var digits = new StringBuilder();
        var length = _random.Next(min, max + 1);
        for (var i = 0; i < length; i++)
            digits.Append((char)('0' + (i == 0 && leadingNonZero ? _random.Next(1, 10) : _random.Next(10))));
        return digits.ToString();
    }

    /// <summary>Any JSON value, nested up to <paramref name="depth"/> levels.</summary>
    public string JsonValue(int depth = 3) => _random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => "null",
        1 => Pick(["true", "false"]),
        2 => NumberLiteral(),
        3 or 4 or 5 => JsonString(Text(12)),
        6 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => JsonValue(depth - 1))) + "]",
        _ => JsonObject(["a", "type", "b"], depth - 1),
    };

    /// <summary>A JSON object whose fields are mostly <paramref name="names"/> (sometimes repeated, sometimes others).</summary>
    public string JsonObject(IReadOnlyList<string> names, int depth = 2)
    {
        var fields = new List<string>();
        foreach (var name in names)
            if (Chance(0.85)) fields.Add($"{JsonString(name)}:{FieldValue(name, depth)}");
        if (Chance(0.1)) fields.Add($"{JsonString(Chance(0.5) ? Text(6) : Pick(names).ToUpperInvariant())}:{JsonValue(depth)}");
        if (Chance(0.05) && names.Count > 0) fields.Add($"{JsonString(Pick(names))}:{JsonValue(depth)}");
        return "{" + string.Join(",", fields.OrderBy(_ => _random.Next())) + "}";
    }

    /// <summary>A value for a known field: often a plausible one, so that the rules behind the JSON shape are reached.</summary>
    private string FieldValue(string name, int depth) => (name, _random.Next(4)) switch
    {
        ("price", < 3) => NumberLiteral(),
        ("username", 0) => JsonString(Pick(["owner", "Owner", "OWNER", "owner\u200b", "\u043ewner", "alice", "a.b-c_d", "x"])),
        ("email", 0) => JsonString(Pick(["a@example.com", "a@[127.0.0.1]", "a..b@example.com", "A@Example.COM", "a@b"])),
        ("password", 0) => JsonString(Pick(["Correct-Horse-9", "short", "Correct-Horse-9\u0000", "Pässwörd-Lång-1"])),
        (_, < 3) => JsonString(Text(Chance(0.1) ? 80 : 12)),
        _ => JsonValue(depth),
    };
}
