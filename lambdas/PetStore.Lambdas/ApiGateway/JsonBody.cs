using System.Text;
using System.Text.Json;

namespace PetStore.Lambdas.ApiGateway;

/// <summary>
/// Strict reading of JSON request bodies: one object, no duplicate or unknown fields, a size limit. Field checks
/// are left to the caller, which reports every problem at once.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>Parses <paramref name="body"/> as a JSON object whose fields are all in <paramref name="allowed"/>.</summary>
    public static Validated<JsonElement> ParseObject(string? body, IReadOnlyCollection<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(body)) return Validated<JsonElement>.Fail("Request body is required and must be a JSON object.");
        if (Encoding.UTF8.GetByteCount(body) > MaxBytes) return Validated<JsonElement>.Fail($"Request body must be at most {MaxBytes} bytes.");

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body, Options);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Validated<JsonElement>.Fail("Request body is not valid JSON (or repeats a field).");
        }

        if (root.ValueKind != JsonValueKind.Object) return Validated<JsonElement>.Fail("Request body must be a JSON object.");
        var unknown = root.EnumerateObject().Select(p => p.Name).Where(n => !allowed.Contains(n)).ToList();
        return unknown.Count == 0
            ? Validated<JsonElement>.Ok(root)
            : Validated<JsonElement>.Fail($"Unknown field(s): {string.Join(", ", unknown)}. Allowed: {string.Join(", ", allowed)}.");
    }

    /// <summary>
    /// A required string field within a length range, trimmed unless <paramref name="trim"/> is false (passwords are
    /// taken as typed); adds a problem and returns null otherwise.
    /// </summary>
    public static string? RequiredString(JsonElement body, string name, int minLength, int maxLength, List<string> problems, bool trim = true)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add($"{name} is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{name} must be a string");
            return null;
        }
        var text = trim ? value.GetString()!.Trim() : value.GetString()!;
        if (text.Length < minLength || text.Length > maxLength)
        {
            problems.Add(minLength == maxLength
                ? $"{name} must be {minLength} characters"
                : $"{name} must be {minLength} to {maxLength} characters");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            problems.Add($"{name} must not contain control characters");
            return null;
        }
        return text;
    }

    /// <summary>Joins field problems into one 400 message.</summary>
    public static Validated<T> Problems<T>(List<string> problems, Func<T> build) =>
        problems.Count == 0 ? Validated<T>.Ok(build()) : Validated<T>.Fail($"Invalid request body: {string.Join("; ", problems)}.");
}
