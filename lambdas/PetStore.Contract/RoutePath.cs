namespace PetStore.Contract;

/// <summary>Pure helpers over API Gateway resource paths such as <c>/pets/{petId}</c> and <c>/admin/{proxy+}</c>.</summary>
public static class RoutePath
{
    public static IReadOnlyList<string> Segments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<string> Parameters(string path) =>
        [.. Segments(path).Where(IsParameter).Select(ParameterName)];

    public static bool IsParameter(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    public static bool IsGreedy(string segment) => IsParameter(segment) && segment[^2] == '+';

    /// <summary><c>{petId}</c> gives <c>petId</c>; <c>{proxy+}</c> gives <c>proxy</c>.</summary>
    public static string ParameterName(string segment) => segment.Trim('{', '}').TrimEnd('+');

    /// <summary>
    /// Matches a concrete request path against a resource path the way API Gateway does: literal segments must be
    /// equal, <c>{x}</c> takes one segment, <c>{x+}</c> takes the rest (at least one segment). Parameters are passed on
    /// as sent, still percent-encoded (an encoded slash stays inside its segment); <see cref="RouteParameters"/> reads them.
    /// </summary>
    public static bool TryMatch(string resourcePath, string requestPath, out IReadOnlyDictionary<string, string> parameters)
    {
        var pattern = Segments(resourcePath);
        var actual = Segments(requestPath);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        parameters = values;
        for (var i = 0; i < pattern.Count; i++)
        {
            var segment = pattern[i];
            if (IsGreedy(segment))
            {
                if (i >= actual.Count) return false;
                values[ParameterName(segment)] = string.Join('/', actual.Skip(i));
                return true;
            }
            if (i >= actual.Count) return false;
            if (IsParameter(segment)) values[ParameterName(segment)] = actual[i];
            else if (!string.Equals(segment, actual[i], StringComparison.Ordinal)) return false;
        }
        return pattern.Count == actual.Count;
    }
}
