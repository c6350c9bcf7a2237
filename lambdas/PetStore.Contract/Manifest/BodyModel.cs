using System.Text.Json.Nodes;

namespace PetStore.Contract;

/// <summary>What a body field must be, as far as JSON Schema can say it (the functions check the rest, with precise messages).</summary>
public abstract record FieldSchema
{
    /// <summary>The field as a JSON Schema (draft 4 keywords only: API Gateway's models).</summary>
    public abstract JsonObject ToJsonSchema();
}

/// <summary>A string; lengths in UTF-16 units or code points (the bounds hold for both), the pattern in ECMA 262.</summary>
public sealed record TextField(int? MinLength = null, int? MaxLength = null, string? Pattern = null) : FieldSchema
{
    public override JsonObject ToJsonSchema()
    {
        var schema = new JsonObject { ["type"] = "string" };
        if (MinLength is { } min) schema["minLength"] = min;
        if (MaxLength is { } max) schema["maxLength"] = max;
        if (Pattern is { } pattern) schema["pattern"] = pattern;
        return schema;
    }

    /// <summary>Free text of up to <paramref name="maxCharacters"/> text elements, without the characters <see cref="TextRules"/> refuses.</summary>
    public static TextField Free(int maxCharacters) => new(1, TextRules.MaxUtf16Length(maxCharacters), TextRules.JsonSchemaPattern);
}

/// <summary>A number in a range.</summary>
public sealed record NumberField(decimal Minimum, decimal Maximum) : FieldSchema
{
    public override JsonObject ToJsonSchema() => new() { ["type"] = "number", ["minimum"] = Minimum, ["maximum"] = Maximum };
}

/// <summary>One of a few strings.</summary>
public sealed record EnumField(IReadOnlyList<string> Values) : FieldSchema
{
    public override JsonObject ToJsonSchema() => new() { ["type"] = "string", ["enum"] = new JsonArray([.. Values.Select(v => (JsonNode)v)]) };
}

/// <summary>One field of a body: its name, what it must be, and whether it must be there.</summary>
public sealed record BodyField(string Name, FieldSchema Schema, bool Required = true);

/// <summary>
/// A JSON request body as its route's manifest line declares it: an object with exactly these fields. API Gateway's
/// request model is made from it, so an obviously bad body never invokes a function; the functions apply the full
/// rules (<see cref="TextRules"/>, <see cref="DecimalLiteral"/>, ...) with messages that name the field.
/// </summary>
public sealed record BodyModel(IReadOnlyList<BodyField> Fields)
{
    public IReadOnlyList<string> Names => [.. Fields.Select(f => f.Name)];

    public JsonObject ToJsonSchema() => new()
    {
        ["$schema"] = "http://json-schema.org/draft-04/schema#",
        ["type"] = "object",
        ["properties"] = new JsonObject([.. Fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Schema.ToJsonSchema()))]),
        ["required"] = new JsonArray([.. Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name)]),
        ["additionalProperties"] = false,
    };
}
