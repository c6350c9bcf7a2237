using Amazon.CDK.AWS.APIGateway;
using PetStore.Contract;

namespace PetStoreInfra.Constructs;

/// <summary>
/// The JSON schemas API Gateway checks request bodies against before a function runs: each route's
/// <see cref="BodyModel"/> (its manifest line), as CDK model schemas. A model only ever refuses what the function would
/// refuse too, and says less: API Gateway answers "Invalid request body", the function names the problem. What JSON
/// Schema (draft 4) cannot express is left to the function: text elements (the model bounds the UTF-16 length instead),
/// NFC, characters above U+FFFF, unpaired surrogates, a price's decimals as written (<c>multipleOf</c> would be judged
/// in floating point), trimming, and the password policy's character classes.
/// </summary>
public static class RequestModels
{
    /// <summary>The body schema of each operation that takes one.</summary>
    public static IReadOnlyDictionary<string, JsonSchema> ByOperation { get; } = RouteTable.All
        .Where(r => r.Body is not null).DistinctBy(r => r.Operation)
        .ToDictionary(r => r.Operation, r => Schema(r.Body!));

    private static JsonSchema Schema(BodyModel body) => new()
    {
        Schema = JsonSchemaVersion.DRAFT4,
        Type = JsonSchemaType.OBJECT,
        Properties = body.Fields.ToDictionary(f => f.Name, f => (IJsonSchema)Field(f.Schema)),
        Required = [.. body.Fields.Where(f => f.Required).Select(f => f.Name)],
        AdditionalProperties = false,
    };

    private static JsonSchema Field(FieldSchema field) => field switch
    {
        TextField text => new JsonSchema { Type = JsonSchemaType.STRING, MinLength = text.MinLength, MaxLength = text.MaxLength, Pattern = text.Pattern },
        NumberField number => new JsonSchema { Type = JsonSchemaType.NUMBER, Minimum = (double)number.Minimum, Maximum = (double)number.Maximum },
        EnumField choice => new JsonSchema { Type = JsonSchemaType.STRING, Enum = [.. choice.Values] },
        _ => throw new NotSupportedException($"No API Gateway model for a {field.GetType().Name}."),
    };
}
