namespace PetStore.Policies.Planning;

/// <summary>A Cedar <c>like</c> pattern: literal text and wildcards (null), each wildcard matching any text, empty too.</summary>
public sealed record LikePattern(IReadOnlyList<string?> Parts)
{
    /// <summary>The pattern with every wildcard replaced by <paramref name="fill"/>.</summary>
    public string With(string fill) => string.Concat(Parts.Select(p => p ?? fill));

    /// <summary>Whether <paramref name="text"/> matches, as Cedar's <c>like</c> decides.</summary>
    public bool Matches(string text)
    {
        // Positions in text reachable after each part; a wildcard reaches every later position.
        var reachable = new bool[text.Length + 1];
        reachable[0] = true;
        foreach (var part in Parts)
        {
            var next = new bool[text.Length + 1];
            for (var i = 0; i <= text.Length; i++)
            {
                if (!reachable[i]) continue;
                if (part is null)
                {
                    for (var j = i; j <= text.Length; j++) next[j] = true;
                    break;
                }
                if (string.CompareOrdinal(text, i, part, 0, part.Length) == 0 && i + part.Length <= text.Length) next[i + part.Length] = true;
            }
            reachable = next;
        }
        return reachable[text.Length];
    }
}
