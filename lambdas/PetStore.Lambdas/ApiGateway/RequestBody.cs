using System.Text;
using System.Text.Json;
using PetStore.Contract;

namespace PetStore.Lambdas.ApiGateway;

/// <summary>
/// The one place request bodies become values. Reading a body never throws: bytes that are not UTF-8, base64 that is
/// not base64, malformed JSON, repeated or unknown fields and strings holding unpaired surrogate escapes
/// (<c>"\ud800"</c>, which System.Text.Json parses but cannot turn into a string) are a 400 message. Each field reader
/// applies the rules of <see cref="PetStore.Contract"/> and adds a problem instead of throwing, so every problem of a
/// body is reported at once.
/// </summary>
public sealed class RequestBody
{
    public const int MaxBytes = 16 * 1024;
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    private const string NotUnicode = "Request body is not valid Unicode: a string holds an unpaired surrogate escape such as \\ud800.";

    private readonly JsonElement _root;

    private RequestBody(JsonElement root) => _root = root;

    /// <summary>The request's body as a JSON object whose fields are all in <paramref name="allowed"/>.</summary>
    public static Validated<RequestBody> Read(ProxyRequest request, IReadOnlyCollection<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(request.Body)) return Fail("Request body is required and must be a JSON object.");

        byte[] bytes;
        if (request.IsBase64Encoded)
        {
            var buffer = new byte[request.Body.Length];
            if (!Convert.TryFromBase64String(request.Body, buffer, out var written)) return Fail("Request body is not valid base64.");
            bytes = buffer[..written];
        }
        else
        {
            // API Gateway hands text bodies over as strings; an unpaired surrogate here becomes U+FFFD, refused below.
            bytes = Encoding.UTF8.GetBytes(request.Body);
        }

        if (bytes.Length > MaxBytes) return Fail($"Request body must be at most {MaxBytes} bytes.");
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return Fail("Request body must be UTF-8 text; it contains bytes that are not valid UTF-8.");

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes, Options);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Fail("Request body is not valid JSON (or repeats a field).");
        }
        // Checking for repeated fields decodes their names, which throws for an unpaired surrogate escape.
        catch (InvalidOperationException)
        {
            return Fail(NotUnicode);
        }

        if (root.ValueKind != JsonValueKind.Object) return Fail("Request body must be a JSON object.");
        if (!AllTextIsUnicode(root)) return Fail(NotUnicode);

        var unknown = root.EnumerateObject().Select(p => p.Name).Where(n => !allowed.Contains(n)).ToList();
        return unknown.Count == 0
            ? Validated<RequestBody>.Ok(new RequestBody(root))
            : Fail($"Unknown field(s): {string.Join(", ", unknown)}. Allowed: {string.Join(", ", allowed)}.");
    }

    private static Validated<RequestBody> Fail(string message) => Validated<RequestBody>.Fail(message);

    /// <summary>
    /// Whether every property name and string value can be read as a string. After this, no reader below can meet
    /// the InvalidOperationException that <see cref="JsonElement.GetString"/> throws for an unpaired surrogate.
    /// </summary>
    private static bool AllTextIsUnicode(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(p => p.Name is not null && AllTextIsUnicode(p.Value));
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(e => AllTextIsUnicode(e));
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A required text field under <see cref="TextRules"/>: NFC, trimmed, 1 to <paramref name="maxLength"/> characters.</summary>
    public string? Text(string name, int maxLength, List<string> problems)
    {
        if (RequiredString(name, problems) is not { } raw) return null;
        if (TextRules.TryNormalize(raw, 1, maxLength, out var text, out var problem)) return text;
        problems.Add($"{name} {problem}");
        return null;
    }

    /// <summary>Like <see cref="Text"/>, but the field may be absent or null (then null, and no problem).</summary>
    public string? OptionalText(string name, int maxLength, List<string> problems) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Text(name, maxLength, problems) : null;

    /// <summary>A username for registration (<see cref="UsernameRules"/>), in lower case.</summary>
    public string? NewUsername(string name, List<string> problems)
    {
        if (RequiredString(name, problems) is not { } raw) return null;
        if (UsernameRules.TryNormalize(raw, out var username)) return username;
        problems.Add($"{name} {UsernameRules.Description}");
        return null;
    }

    /// <summary>A username to sign in with: text as <see cref="TextRules"/> says, then lower case (<see cref="UsernameRules.ForSignIn"/>).</summary>
    public string? ExistingUsername(string name, List<string> problems) =>
        Text(name, UsernameRules.MaxLength, problems) is { } text ? UsernameRules.ForSignIn(text) : null;

    /// <summary>An email address (<see cref="EmailRules"/>), as typed.</summary>
    public string? Email(string name, List<string> problems)
    {
        if (RequiredString(name, problems) is not { } raw) return null;
        if (EmailRules.IsValid(raw)) return raw;
        problems.Add($"{name} {EmailRules.Description}");
        return null;
    }

    /// <summary>
    /// A password, taken exactly as typed (no trimming, no normalization: Cognito compares what it was given), but
    /// never with control characters, and 1 to <paramref name="maxLength"/> UTF-16 units as Cognito counts them.
    /// </summary>
    public string? Password(string name, int maxLength, List<string> problems)
    {
        if (RequiredString(name, problems) is not { } password) return null;
        if (password.Length < 1 || password.Length > maxLength)
        {
            problems.Add($"{name} must be 1 to {maxLength} characters");
            return null;
        }
        if (password.Any(char.IsControl))
        {
            problems.Add($"{name} must not contain control characters");
            return null;
        }
        return password;
    }

    /// <summary>An id as the API writes it (<see cref="RouteParameters.IsCanonicalId"/>): another spelling is refused, not repaired.</summary>
    public string? Id(string name, List<string> problems)
    {
        if (RequiredString(name, problems) is not { } text) return null;
        if (RouteParameters.IsCanonicalId(text)) return text;
        problems.Add($"{name} must be an id as this API returns it: a UUID in lower case");
        return null;
    }

    /// <summary>Whether the body has the field (null counts: it is then refused by the field's reader, as the request model refuses it).</summary>
    public bool Has(string name) => _root.TryGetProperty(name, out _);

    /// <summary>One of <paramref name="values"/>, exactly as spelled there; absent is null (a problem if <paramref name="required"/>).</summary>
    public string? OneOf(string name, IReadOnlyList<string> values, bool required, List<string> problems)
    {
        if (!required && !Has(name)) return null;
        if (!required && IsNull(name, problems)) return null;
        if (RequiredString(name, problems) is not { } text) return null;
        if (values.Contains(text, StringComparer.Ordinal)) return text;
        problems.Add($"{name} must be one of {string.Join(", ", values)}");
        return null;
    }

    /// <summary>Like <see cref="Number"/>, but the field may be absent (then null, and no problem).</summary>
    public decimal? OptionalNumber(string name, decimal max, int maxDecimals, List<string> problems) =>
        Has(name) && !IsNull(name, problems) ? Number(name, max, maxDecimals, problems) : null;

    /// <summary>An optional field given as null is refused (as the request model refuses it), not read as absent.</summary>
    private bool IsNull(string name, List<string> problems)
    {
        if (_root.GetProperty(name).ValueKind != JsonValueKind.Null) return false;
        problems.Add($"{name} may be left out, but not null");
        return true;
    }

    /// <summary>A required number from 0 to <paramref name="max"/> with at most <paramref name="maxDecimals"/> decimals, judged as written.</summary>
    public decimal? Number(string name, decimal max, int maxDecimals, List<string> problems)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add($"{name} is required");
            return null;
        }
        decimal number = 0;
        var outcome = value.ValueKind == JsonValueKind.Number
            ? DecimalLiteral.TryParse(value.GetRawText(), maxDecimals, max, out number)
            : DecimalProblem.NotANumber;
        switch (outcome)
        {
            case DecimalProblem.None:
                return number;
            case DecimalProblem.TooManyDecimals:
                problems.Add($"{name} must have at most {maxDecimals} decimal places (as written)");
                return null;
            default:
                problems.Add($"{name} must be a number from 0 to {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                return null;
        }
    }

    private string? RequiredString(string name, List<string> problems)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add($"{name} is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{name} must be a string");
            return null;
        }
        return value.GetString()!;
    }

    /// <summary>Joins field problems into one 400 message.</summary>
    public static Validated<T> Problems<T>(List<string> problems, Func<T> build) =>
        problems.Count == 0 ? Validated<T>.Ok(build()) : Validated<T>.Fail($"Invalid request body: {string.Join("; ", problems)}.");
}
