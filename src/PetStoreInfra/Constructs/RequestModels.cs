using Amazon.CDK.AWS.APIGateway;
using PetStore.Contract;

namespace PetStoreInfra.Constructs;

/// <summary>
/// JSON schemas API Gateway checks request bodies against before a function runs. They repeat the functions' rules
/// from <see cref="PetRules"/>, <see cref="UserRules"/> and <see cref="PasswordRules"/>; the functions still check
/// everything and give the precise message (API Gateway can only say "Invalid request body").
/// </summary>
public static class RequestModels
{
    /// <summary>The body schema of each operation that takes one.</summary>
    public static IReadOnlyDictionary<string, JsonSchema> ByOperation { get; } = new Dictionary<string, JsonSchema>
    {
        [RouteTable.Operations.CreatePet] = Object(new Dictionary<string, IJsonSchema>
        {
            ["type"] = Text(1, PetRules.TypeMaxLength),
            ["price"] = new JsonSchema { Type = JsonSchemaType.NUMBER, Minimum = 0, Maximum = (double)PetRules.PriceMax },
        }),
        [RouteTable.Operations.SignUp] = Object(new Dictionary<string, IJsonSchema>
        {
            ["username"] = Text(1, UserRules.UsernameMaxLength),
            ["password"] = Text(1, PasswordRules.MaxLength),
            ["email"] = Text(3, UserRules.EmailMaxLength),
        }),
        [RouteTable.Operations.Login] = Object(new Dictionary<string, IJsonSchema>
        {
            ["username"] = Text(1, UserRules.UsernameMaxLength),
            ["password"] = Text(1, PasswordRules.MaxLength),
            ["pool"] = Text(1, SignInRules.PoolNameMaxLength),
        }, optional: ["pool"]),
        [RouteTable.Operations.AnswerMfa] = Object(new Dictionary<string, IJsonSchema>
        {
            ["username"] = Text(1, UserRules.UsernameMaxLength),
            ["challenge"] = new JsonSchema { Type = JsonSchemaType.STRING, Enum = [.. SignInRules.AnsweredChallenges] },
            ["session"] = Text(SignInRules.SessionMinLength, SignInRules.SessionMaxLength),
            ["code"] = new JsonSchema { Type = JsonSchemaType.STRING, Pattern = $"^[0-9]{{{SignInRules.CodeLength}}}$" },
            ["pool"] = Text(1, SignInRules.PoolNameMaxLength),
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

    private static JsonSchema Text(int min, int max) => new() { Type = JsonSchemaType.STRING, MinLength = min, MaxLength = max };
}
