namespace PetStore.Contract;

/// <summary>
/// A route's path parameters as <see cref="RouteParameters.Read"/> read them: every one canonical, or the first
/// parameter refused and the problem (a sentence for a 400 answer).
/// </summary>
public sealed record RouteParameterReading(IReadOnlyDictionary<string, string> Values, string? Problem, string? Refused = null)
{
    public bool IsValid => Problem is null;

    /// <summary>
    /// What Cedar sees for each parameter: the canonical value, or the empty string when the request was refused (no
    /// reader accepts an empty value, so no handler ever acts on it).
    /// </summary>
    public IReadOnlyDictionary<string, string> ForDecision(Route route) =>
        route.PathParameters.ToDictionary(name => name, name => IsValid ? Values[name] : "", StringComparer.Ordinal);
}
