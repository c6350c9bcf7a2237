using Amazon.CDK.AWS.APIGateway;
using PetStore.Contract;

namespace PetStoreInfra.Constructs;

/// <summary>
/// JSON schemas API Gateway checks request bodies against before a function runs, derived from the rules in
/// <see cref="PetStore.Contract"/>. A model only ever refuses what the function would refuse too, and says less:
/// API Gateway answers "Invalid request body", the function names the problem. What JSON Schema (draft 4) cannot
/// express is left to the function: text elements (the model bounds the UTF-16 length instead), NFC, characters above
/// U+FFFF, unpaired surrogates, a price's decimals as written (<c>multipleOf</c> would be judged in floating point),
/// trimming, and the password policy's character classes.
/// </summary>
public static class RequestModels
{
    /// <summary>The body schema of each operation that takes one.</summary>
    public static IReadOnlyDictionary<string, JsonSchema> ByOperation { get; } = new Dictionary<string, JsonSchema>
    {
        [RouteTable.Operations.CreatePet] = Object(new Dictionary<string, IJsonSchema>
        {
            ["type"] = Text(PetRules.TypeMaxLength),
            ["price"] = new JsonSchema { Type = JsonSchemaType.NUMBER, Minimum = 0, Maximum = (double)PetRules.PriceMax },
        }),
        [RouteTable.Operations.SignUp] = Object(new Dictionary<string, IJsonSchema>
        {
            ["username"] = Pattern(UsernameRules.MaxLength, UsernameRules.Pattern),
            ["password"] = Password(),
            ["email"] = Pattern(EmailRules.MaxLength, EmailRules.Pattern),
        }),
        [RouteTable.Operations.Login] = Object(new Dictionary<string, IJsonSchema>
        {
            ["username"] = Text(UsernameRules.MaxLength),
            ["password"] = Password(),
            ["pool"] = Text(SignInRules.PoolNameMaxLength),
        }, optional: ["pool"]),
        [RouteTable.Operations.AnswerMfa] = Object(new Dictionary<string, IJsonSchema>
        {
            ["username"] = Text(UsernameRules.MaxLength),
            ["challenge"] = new JsonSchema { Type = JsonSchemaType.STRING, Enum = [.. SignInRules.AnsweredChallenges] },
            ["session"] = new JsonSchema { Type = JsonSchemaType.STRING, MinLength = SignInRules.SessionMinLength, MaxLength = SignInRules.SessionMaxLength },
            ["code"] = new JsonSchema { Type = JsonSchemaType.STRING, Pattern = $"^[0-9]{{{SignInRules.CodeLength}}}{TextRules.EndOfText}" },
            ["pool"] = Text(SignInRules.PoolNameMaxLength),
        }, optional: ["pool"]),
    };

    private static JsonSchema Object(Dictionary<string, IJsonSchema> properties, IReadOnlyList<string>? optional = null) => new()
    {
        Schema = JsonSchemaVersion.DRAFT4,
        Type = JsonSchemaType.OBJECT,
        Properties = properties,
        Required = [.. properties.Keys.Except(optional ?? [])],
        AdditionalProperties = false,
    };

    /// <summary>Free text of up to <paramref name="maxCharacters"/> text elements, without the characters <see cref="TextRules"/> refuses.</summary>
    private static JsonSchema Text(int maxCharacters) => new()
    {
        Type = JsonSchemaType.STRING,
        MinLength = 1,
        MaxLength = TextRules.MaxUtf16Length(maxCharacters),
        Pattern = TextRules.JsonSchemaPattern,
    };

    private static JsonSchema Pattern(int maxLength, string pattern) => new()
    {
        Type = JsonSchemaType.STRING, MinLength = 1, MaxLength = maxLength, Pattern = pattern,
    };

    private static JsonSchema Password() => new() { Type = JsonSchemaType.STRING, MinLength = 1, MaxLength = PasswordRules.MaxLength };
}
