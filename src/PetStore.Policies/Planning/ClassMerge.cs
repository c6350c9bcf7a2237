namespace PetStore.Policies.Planning;

/// <summary>
/// Writes a set of request classes of one action as few patterns as possible: classes that differ in one dimension
/// and together hold every value of it that any class can have become one pattern with <see cref="Any"/> there. A
/// pattern covers exactly the classes it was merged from, so "in owners: any" means every class, with or without. Then
/// patterns that differ in one dimension only become one holding each of their values there.
/// </summary>
public static class ClassMerge
{
    public const string Any = "*";

    /// <summary>Between the values a pattern holds in one dimension.</summary>
    public const char Or = ',';

    /// <param name="members">The classes to write (value tuples over <paramref name="dimensions"/>).</param>
    /// <param name="all">Every class the action has, to tell a value no class can have from one left out.</param>
    /// <returns>Patterns whose cells are <see cref="Any"/> or the indexes of the values they hold, joined by <see cref="Or"/>.</returns>
    public static IReadOnlyList<IReadOnlyList<string>> Merge(IEnumerable<IReadOnlyList<string>> members, IReadOnlyList<Dimension> byValue,
        IReadOnlyList<IReadOnlyList<string>> allByValue)
    {
        // Values are policy literals (any text, "*" or "," too): the merge works on their indexes.
        string[] Indexes(IReadOnlyList<string> values) => [.. values.Select((v, d) => byValue[d].Values.ToList().IndexOf(v).ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var dimensions = byValue.Select(d => d with { Values = [.. d.Values.Select((_, i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture))] }).ToList();
        var all = allByValue.Select(Indexes).ToList();
        var patterns = members.Select(Indexes).DistinctBy(Key).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var d = 0; d < dimensions.Count; d++)
            {
                var position = d;
                foreach (var group in patterns.Where(p => p[position] != Any).GroupBy(p => Key(p, position)).ToList())
                {
                    var values = group.Select(p => p[position]).ToHashSet(StringComparer.Ordinal);
                    var sample = group.First();
                    var covers = dimensions[position].Values.All(v => values.Contains(v) || !all.Any(c => Matches(With(sample, position, v), c)));
                    if (!covers) continue;
                    foreach (var member in group) patterns.Remove(member);
                    patterns.Add(With(sample, position, Any));
                    changed = true;
                }
            }
        }
        // Then patterns that differ in one dimension only become one, with the values they hold there: "9.99|10.00".
        for (var changed = true; changed;)
        {
            changed = false;
            for (var d = 0; d < dimensions.Count; d++)
            {
                var position = d;
                foreach (var group in patterns.Where(p => p[position] != Any).GroupBy(p => Key(p, position)).Where(g => g.Count() > 1).ToList())
                {
                    var values = group.SelectMany(p => p[position].Split(Or)).ToHashSet(StringComparer.Ordinal);
                    foreach (var member in group) patterns.Remove(member);
                    patterns.Add(With(group.First(), position, string.Join(Or, dimensions[position].Values.Where(values.Contains))));
                    changed = true;
                }
            }
        }
        return [.. patterns.OrderBy(p => string.Join('\0', p), StringComparer.Ordinal)];
    }

    private static string[] With(string[] pattern, int position, string value)
    {
        var copy = (string[])pattern.Clone();
        copy[position] = value;
        return copy;
    }

    private static bool Matches(string[] pattern, string[] values) =>
        pattern.Select((p, i) => p == Any || p == values[i]).All(x => x);

    private static string Key(string[] pattern) => string.Join('\0', pattern);

    private static string Key(string[] pattern, int blank) => string.Join('\0', pattern.Select((p, i) => i == blank ? "" : p));
}
