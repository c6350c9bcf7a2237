using System.Text;
using PetStore.Contract;

namespace PetStore.Testing;

/// <summary>
/// One way to spell a path parameter, as API Gateway would deliver it (still percent-encoded), and what it means: the
/// canonical value it stands for, or null when the API must refuse it. The meaning is written here by hand, per
/// spelling, not computed by the product's reader, so tests can hold the reader to it.
/// </summary>
public sealed record Spelling(string Text, string? Means)
{
    public override string ToString() => $"{Text} => {Means ?? "refused"}";
}

/// <summary>
/// Ways a client can spell a path parameter's value: the canonical value, and what an attacker tries to make two
/// readers disagree — case, padding, control characters, encodings of every kind (one byte, all bytes, twice, lower-case
/// hex, overlong UTF-8), dot segments, doubled slashes, invisible characters and other normal forms. Derived from a
/// parameter's kind, so a new parameter gets them all.
/// </summary>
public static class ParameterSpellings
{
    /// <summary>A canonical value of each kind, as the API would make or accept it.</summary>
    public static string CanonicalExample(PathParameterKind kind) => kind switch
    {
        PathParameterKind.Id => "0198f3a2-7b7c-7d1e-9f00-0123456789ab",
        _ => "reports/q1",
    };

    /// <summary>
    /// Every spelling of <paramref name="canonical"/> (lower-case ASCII) tried, the canonical one first. For a path,
    /// <paramref name="canonical"/> should hold a slash, so that the spellings of a slash are tried.
    /// </summary>
    public static IReadOnlyList<Spelling> Of(PathParameterKind kind, string canonical)
    {
        var id = kind == PathParameterKind.Id;
        // Same as written for a path (another valid path), refused for an id (ids have one spelling).
        string? PathOnly(string text) => id ? null : text;
        var spellings = new List<Spelling>
        {
            new(canonical, canonical),
            new(canonical.ToUpperInvariant(), PathOnly(canonical.ToUpperInvariant())),
            new($"%20{canonical}%20", null),
            new($"{canonical}%20", null),
            new($" {canonical}", null),
            new($"{canonical}%0A", null),
            new($"{canonical}%0D%0A", null),
            new($"%09{canonical}", null),
            new($"{canonical}%00", null),
            new($"{canonical}%E2%80%8B", null),
            new($"%EF%BB%BF{canonical}", null),
            new($"{canonical}%E2%80%AE", null),
            new(EncodeFirst(canonical), canonical),
            new(EncodeFirst(canonical).ToLowerInvariant(), canonical),
            new(EncodeAll(canonical), canonical),
            new(EncodeAll(canonical).Replace("%", "%25"), null),
            new("%25" + canonical, null),
            new(canonical + "%", null),
            new(canonical + "%2", null),
            new(canonical + "%zz", null),
            new($"{canonical}/", null),
            new($"{canonical}%2F", null),
            new($"%2F{canonical}", null),
            new($"{canonical}/.", null),
            new($"{canonical}/..", null),
            new($"./{canonical}", null),
            new($"{canonical}%2F%2E%2E", null),
            new($"{canonical}%5C", null),
            new($"{{{canonical}}}", PathOnly($"{{{canonical}}}")),
            new(canonical + "%C0%AF", null),
            new(canonical + "%C3%28", null),
            new(canonical + "%ED%A0%80", null),
            new(canonical + "cafe%CC%81", null),
            new(canonical + "caf%C3%A9", PathOnly(canonical + "café")),
        };
        if (id) spellings.Add(new(canonical.Replace("-", ""), null));
        var slash = canonical.IndexOf('/');
        if (!id && slash > 0)
        {
            var (head, tail) = (canonical[..slash], canonical[(slash + 1)..]);
            spellings.AddRange(
            [
                new($"{head}%2F{tail}", canonical),
                new($"{head}%2f{tail}", canonical),
                new($"{head}%252F{tail}", null),
                new($"{head}//{tail}", null),
                new($"{head}%2F%2F{tail}", null),
                new($"{head}/./{tail}", null),
                new($"{head}/../{head}/{tail}", null),
                new($"{head}/%2E%2E/{head}/{tail}", null),
                new($"{head}/%2e/{tail}", null),
                new($"{head}%5C{tail}", null),
                new($"{head}%C0%AF{tail}", null),
            ]);
        }
        if (!id) spellings.Add(new(new string('a', RouteParameters.MaxPathLength + 1), null));
        return [.. spellings.DistinctBy(s => s.Text, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The spellings that stay one value of the parameter when written into a request path: for a one-segment
    /// parameter none with a literal slash, and none with a leading, trailing or doubled one (API Gateway's routing
    /// ignores extra slashes, so those change the route, not the value); no literal space (not valid in a request line).
    /// </summary>
    public static IReadOnlyList<Spelling> InPath(PathParameterKind kind, string canonical) =>
        [.. Of(kind, canonical).Where(s => !s.Text.StartsWith('/') && !s.Text.EndsWith('/') && !s.Text.Contains(' ') &&
            (kind == PathParameterKind.Path || !s.Text.Contains('/')) && !s.Text.Contains("//"))];

    private static string EncodeFirst(string text) => $"%{(int)text[0]:X2}{text[1..]}";

    private static string EncodeAll(string text) => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => $"%{b:X2}"));
}
