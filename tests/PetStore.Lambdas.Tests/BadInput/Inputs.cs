using System.Globalization;
using System.Text;
using CsCheck;

namespace PetStore.Lambdas.Tests.BadInput;

/// <summary>
/// CsCheck generators of what a client can send: byte strings, Unicode text (lone surrogates, controls, bidi and
/// zero-width characters, combining marks, emoji, look-alike letters), JSON number literals and whole JSON documents,
/// well-formed or broken. A failing case is shrunk to a small one and printed with the seed that replays it
/// (CsCheck_Seed); CsCheck_Iter widens a run.
/// </summary>
public static class Inputs
{
    /// <summary>Cases per property: CsCheck_Iter overrides it, else a number that keeps the whole suite fast.</summary>
    public static long Runs(long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var runs) && runs > 0 ? runs : fallback;

    public static Gen<byte[]> Bytes(int maxLength) => Gen.Byte.Array[0, maxLength];

    private static readonly (int Weight, int First, int Last)[] CodePointPools =
    [
        (30, 0x20, 0x7E), // ASCII letters, digits, punctuation (often)
        (10, 0x00, 0x1F), (10, 0x7F, 0x9F), // C0 and C1 controls
        (10, 0xA0, 0x17F), // Latin-1 and Latin Extended-A
        (10, 0x300, 0x36F), // combining marks
        (10, 0x400, 0x45F), // Cyrillic (о, а, е look like Latin)
        (10, 0x600, 0x6FF), // Arabic
        (10, 0x1100, 0x1160), // Hangul jamo and fillers
        (10, 0x2000, 0x206F), // spaces, zero-width characters, bidi controls, invisible operators
        (10, 0x3000, 0x3164), // CJK punctuation and the Hangul filler
        (10, 0x4E00, 0x4EFF), // CJK ideographs
        (10, 0xD800, 0xDFFF), // surrogates, alone
        (10, 0xFDD0, 0xFDEF), (10, 0xFE00, 0xFE0F), (10, 0xFEFF, 0xFEFF), (10, 0xFF01, 0xFF5E), (10, 0xFFF0, 0xFFFF), // noncharacters, selectors, BOM, fullwidth, specials
        (10, 0x1F300, 0x1FAFF), (10, 0x1F3FB, 0x1F3FF), (10, 0x200D, 0x200D), // emoji, skin tones, the joiner
        (10, 0xE0000, 0xE01EF), // tags and supplementary variation selectors
        (10, 0x0, 0x10FFFF), // anything
    ];

    private static readonly Gen<int> CodePoint = Gen.Frequency([.. CodePointPools.Select(p => (p.Weight, (IGen<int>)Gen.Int[p.First, p.Last]))]);

    /// <summary>Text of up to <paramref name="maxCodePoints"/> code points, lone surrogates included (as UTF-16 units).</summary>
    public static Gen<string> Text(int maxCodePoints) => CodePoint.Array[0, maxCodePoints].Select(points =>
    {
        var text = new StringBuilder();
        foreach (var c in points) text.Append(c is >= 0xD800 and <= 0xDFFF || c <= 0xFFFF ? ((char)c).ToString() : char.ConvertFromUtf32(c));
        return text.ToString();
    });

    /// <summary>A JSON string literal for the text, escaping at random (and always where JSON needs it).</summary>
    public static Gen<string> JsonString(Gen<string> text) => text.SelectMany(t => Gen.Int[0, 9].Array[t.Length].Select(dice =>
    {
        var json = new StringBuilder("\"");
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            // Raw surrogate pairs are escaped one unit at a time, which JSON reads back as the same pair.
            if (c is '"' or '\\' || c < 0x20 || char.IsSurrogate(c) || dice[i] == 0) json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else json.Append(c);
        }
        return json.Append('"').ToString();
    }));

    public static Gen<string> JsonString(string text) => JsonString(Gen.Const(text));

    private static Gen<string> Digits(int min, int max, bool leadingNonZero) =>
        Gen.Int[0, 9].Array[min, max].Select(d => string.Concat(d.Select((x, i) => (char)('0' + (i == 0 && leadingNonZero ? 1 + x % 9 : x)))));

    /// <summary>A JSON number literal, mostly well-formed: huge and tiny exponents, long fractions, signs, zeros.</summary>
    public static Gen<string> NumberLiteral { get; } = Gen.Frequency(
        (1, (IGen<string>)Gen.OneOf("1.", ".5", "+1", "01", "1e", "--1", "0x10", "NaN", "Infinity", "1_000", "١")),
        (19, Gen.Select(
            Gen.Frequency((1, Gen.Const("-")), (4, Gen.Const(""))),
            Gen.Frequency((3, Gen.Const("0")), (7, Digits(1, 9, leadingNonZero: true))),
            Gen.Frequency((4, Gen.Const("")), (6, Gen.Frequency((8, Digits(1, 4, false)), (2, Digits(1, 40, false))).Select(f => "." + f))),
            Gen.Frequency((7, Gen.Const("")), (3, Gen.Select(Gen.OneOf("e", "E"), Gen.OneOf("", "+", "-"),
                Gen.Frequency((9, Gen.Int[0, 11].Select(i => i.ToString(CultureInfo.InvariantCulture))), (1, Digits(1, 20, false))), (e, s, n) => e + s + n))),
            (sign, whole, fraction, exponent) => sign + whole + fraction + exponent)));

    /// <summary>Any JSON value, nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<string> JsonValue(int depth = 3) => depth <= 0
        ? Gen.Frequency((1, Gen.Const("null")), (1, Gen.OneOf("true", "false")), (1, NumberLiteral), (3, JsonString(Text(12))))
        : Gen.Frequency(
            (1, Gen.Const("null")), (1, Gen.OneOf("true", "false")), (1, NumberLiteral), (3, JsonString(Text(12))),
            (1, JsonValue(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (1, JsonObject(["a", "type", "b"], depth - 1)));

    /// <summary>A JSON object whose fields are mostly <paramref name="names"/> (sometimes repeated, sometimes others).</summary>
    public static Gen<string> JsonObject(IReadOnlyList<string> names, int depth = 2)
    {
        var known = names.Select(name => Gen.Frequency((15, FieldValue(name, depth).Select(v => (string?)$"{Quote(name)}:{v}")), (3, Gen.Const((string?)null))));
        var other = Gen.Frequency((9, Gen.Const((string?)null)),
            (1, Gen.Select(Gen.Frequency((1, JsonString(Text(6))), (1, Gen.OneOf([.. names.Select(n => Quote(n.ToUpperInvariant()))]))), JsonValue(depth), (k, v) => (string?)$"{k}:{v}")));
        var repeated = names.Count == 0 ? Gen.Const((string?)null)
            : Gen.Frequency((19, Gen.Const((string?)null)), (1, Gen.Select(Gen.OneOf([.. names]), JsonValue(depth), (k, v) => (string?)$"{Quote(k)}:{v}")));
        return Gen.Select(known.Aggregate(Gen.Const(new List<string?>()), (all, one) => Gen.Select(all, one, (list, field) => new List<string?>(list) { field })),
            other, repeated, Gen.Int.Array[names.Count + 2],
            (fields, extra, again, order) =>
            {
                var present = fields.Append(extra).Append(again).Where(f => f is not null).Select(f => f!).ToList();
                return "{" + string.Join(",", present.Select((f, i) => (f, order[i])).OrderBy(x => x.Item2).Select(x => x.f)) + "}";
            });
    }

    private static string Quote(string name) => System.Text.Json.JsonSerializer.Serialize(name);

    /// <summary>A value for a known field: often a plausible one, so that the rules behind the JSON shape are reached.</summary>
    private static Gen<string> FieldValue(string name, int depth) => name switch
    {
        "price" => Gen.Frequency((3, NumberLiteral), (1, JsonValue(depth))),
        "storeId" => Gen.Frequency((3, JsonString(Gen.OneOf("downtown", "uptown"))), (1, JsonString(Gen.OneOf("Downtown", "downtown ", "nowhere", "", "down​town"))), (1, JsonValue(depth))),
        "status" => Gen.Frequency((2, JsonString(Gen.OneOf("available", "pending", "sold"))), (1, JsonString(Gen.OneOf("Available", "SOLD", "gone", ""))), (1, JsonValue(depth))),
        "username" => Gen.Frequency((1, JsonString(Gen.OneOf("owner", "Owner", "OWNER", "owner\u200b", "\u043ewner", "alice", "a.b-c_d", "x"))), (2, JsonString(Text(12))), (1, JsonValue(depth))),
        "email" => Gen.Frequency((1, JsonString(Gen.OneOf("a@example.com", "a@[127.0.0.1]", "a..b@example.com", "A@Example.COM", "a@b"))), (2, JsonString(Text(12))), (1, JsonValue(depth))),
        "password" => Gen.Frequency((1, JsonString(Gen.OneOf("Correct-Horse-9", "short", "Correct-Horse-9\u0000", "Pässwörd-Lång-1"))), (2, JsonString(Text(12))), (1, JsonValue(depth))),
        _ => Gen.Frequency((3, JsonString(Gen.Frequency((9, Text(12)), (1, Text(80))))), (1, JsonValue(depth))),
    };

    /// <summary>A JSON text with some bytes changed: most of it parses as far as the damage.</summary>
    public static Gen<byte[]> Damaged(Gen<string> json) => Gen.Select(json,
        Gen.Select(Gen.Int[0, 2], Gen.Int.Positive, Gen.OneOf<byte[]>([0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0]), Gen.Byte).Array[1, 3],
        (text, damage) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text).ToList();
            foreach (var (kind, position, inserted, replacement) in damage)
            {
                if (bytes.Count == 0) break;
                var at = position % bytes.Count;
                switch (kind)
                {
                    case 0: bytes[at] = replacement; break;
                    case 1: bytes.RemoveAt(at); break;
                    default: bytes.InsertRange(at, inserted); break;
                }
            }
            return bytes.ToArray();
        });

    /// <summary>Any body a client may send a route whose fields are <paramref name="names"/>: bytes, broken JSON, any JSON, or a plausible object.</summary>
    public static Gen<byte[]> AnyBody(IReadOnlyList<string> names) => Gen.OneOf(
        Bytes(64),
        Damaged(JsonObject(names)),
        JsonValue().Select(Encoding.UTF8.GetBytes),
        JsonObject(names).Select(Encoding.UTF8.GetBytes));
}
