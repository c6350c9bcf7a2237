namespace PetStore.Local;

/// <summary>
/// A query string read as API Gateway reads it: names are case-sensitive (<c>limit</c> and <c>LIMIT</c> are two
/// parameters; ASP.NET's <c>Request.Query</c> would merge them), values are percent-decoded, repeats are kept in order.
/// </summary>
public static class RawQuery
{
    public static Dictionary<string, List<string>> Parse(string? queryString)
    {
        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in (queryString ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var values)) parameters[name] = values = [];
            values.Add(value);
        }
        return parameters;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
