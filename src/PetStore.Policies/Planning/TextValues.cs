namespace PetStore.Policies.Planning;

/// <summary>
/// The values of a text dimension: each literal the policies compare it with; for each <c>like</c> pattern, matches
/// with its wildcards empty and as one character, matches of it filled with each other pattern (a value two patterns
/// both match, when one exists of that shape), and for a pattern of fixed-length values (an id) the stand-in value
/// with the pattern's literal text laid over its start or end; and one value that equals no literal and matches no
/// pattern. Values the API would refuse are left out.
/// </summary>
public static class TextValues
{
    public static IReadOnlyList<string> For(IReadOnlyCollection<string> literals, IReadOnlyList<LikePattern> patterns,
        IReadOnlyList<string> standIns, Func<string, bool> accepted)
    {
        var values = new List<string>(literals);
        foreach (var pattern in patterns)
        {
            values.Add(pattern.With(""));
            values.Add(pattern.With("x"));
            foreach (var second in patterns.Where(o => o != pattern)) values.Add(pattern.With(second.With("")));
            var text = string.Concat(pattern.Parts.OfType<string>());
            foreach (var standIn in standIns.Where(s => s.Length > text.Length))
            {
                if (pattern.Parts[^1] is null) values.Add(text + standIn[text.Length..]);
                if (pattern.Parts[0] is null) values.Add(standIn[..^text.Length] + text);
            }
        }
        var chosen = values.Where(accepted).Distinct(StringComparer.Ordinal).ToList();
        if (Other(chosen, patterns, standIns, accepted) is { } different) chosen.Add(different);
        return chosen;
    }

    /// <summary>A value equal to no literal and matched by no pattern: a stand-in, or one made from it.</summary>
    private static string? Other(IReadOnlyList<string> taken, IReadOnlyList<LikePattern> patterns, IReadOnlyList<string> standIns, Func<string, bool> accepted)
    {
        const string hex = "0123456789abcdef";
        IEnumerable<string> Candidates()
        {
            foreach (var standIn in standIns) yield return standIn;
            // Same shape, other characters: an id stays an id.
            foreach (var standIn in standIns)
                for (var at = standIn.Length - 1; at >= 0; at--)
                    foreach (var c in hex.Where(h => h != standIn[at] && hex.Contains(standIn[at])))
                        yield return string.Concat(standIn.AsSpan(0, at), c.ToString(), standIn.AsSpan(at + 1));
            for (var i = 1; i < 100; i++) yield return $"{standIns[0]}-{i}";
        }
        return Candidates().FirstOrDefault(c => accepted(c) && !taken.Contains(c, StringComparer.Ordinal) && !patterns.Any(p => p.Matches(c)));
    }
}
