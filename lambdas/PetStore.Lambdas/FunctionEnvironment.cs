using System.Collections;
using PetStore.Contract;

namespace PetStore.Lambdas;

/// <summary>
/// A function's settings, read from environment variables (<see cref="FunctionVariables"/>). A missing or bad value
/// fails the function's initialization with a message naming the variable.
/// </summary>
public sealed class FunctionEnvironment(IReadOnlyDictionary<string, string> variables)
{
    public static FunctionEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""));

    public string Required(string name) =>
        Optional(name) ?? throw new InvalidOperationException($"Environment variable {name} must be set.");

    public string? Optional(string name) =>
        variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public string Region => Required(FunctionVariables.Region);

    public TimeSpan UpstreamTimeout => Milliseconds(FunctionVariables.UpstreamTimeoutMs, TimeSpan.FromSeconds(3));

    /// <summary>A timeout in milliseconds, 1 to 30000.</summary>
    public TimeSpan Milliseconds(string name, TimeSpan fallback) => Optional(name) is { } text
        ? int.TryParse(text, out var ms) && ms is > 0 and <= 30_000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new InvalidOperationException($"Environment variable {name} must be 1 to 30000 (milliseconds), not '{text}'.")
        : fallback;

    /// <summary>A cache lifetime in seconds, 0 to 300 (0: no cache).</summary>
    public TimeSpan Seconds(string name, TimeSpan fallback) => Optional(name) is { } text
        ? int.TryParse(text, out var seconds) && seconds is >= 0 and <= 300
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"Environment variable {name} must be 0 to 300 (seconds), not '{text}'.")
        : fallback;

    /// <summary>A count of at least 1 that must be set.</summary>
    public int PositiveInt(string name) => Required(name) is var text && int.TryParse(text, out var value) && value >= 1 ? value
        : throw new InvalidOperationException($"Environment variable {name} must be a whole number of at least 1, not '{text}'.");

    public TEnum Enum<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum =>
        Optional(name) is not { } text ? fallback
        : System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value
        : throw new InvalidOperationException(
            $"Environment variable {name} must be one of {string.Join(", ", System.Enum.GetNames<TEnum>())}, not '{text}'.");
}
