using System.Text.Json;
using System.Text.Json.Serialization;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Users;

/// <summary>POST /login/mfa: the code that answers the challenge POST /login returned, in that sign-in's session.</summary>
public sealed record MfaAnswer(string Username, string Challenge, string Session, string Code, string? Pool);

/// <summary>
/// POST /login's answer when Cognito wants a second factor (401): the challenge, the session to answer it in with
/// POST /login/mfa, and for <see cref="SignInRules.MfaSetup"/> the new TOTP secret to add to an authenticator app.
/// </summary>
public sealed record ChallengeBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("challenge")] string Challenge,
    [property: JsonPropertyName("session")] string Session,
    [property: JsonPropertyName("secretCode"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SecretCode = null,
    [property: JsonPropertyName("otpauthUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OtpauthUri = null);

/// <summary>Pure checks of POST /login/mfa's body, and of the <c>pool</c> field both sign-in routes take.</summary>
public static class MfaAnswers
{
    private static readonly string[] Fields = ["username", "challenge", "session", "code", "pool"];

    public static Validated<MfaAnswer> Parse(string? body)
    {
        var parsed = JsonBody.ParseObject(body, Fields);
        if (!parsed.IsValid) return Validated<MfaAnswer>.Fail(parsed.Error!);

        var problems = new List<string>();
        var username = JsonBody.RequiredString(parsed.Value, "username", 1, UserRules.UsernameMaxLength, problems);
        var challenge = JsonBody.RequiredString(parsed.Value, "challenge", 1, 32, problems);
        if (challenge is not null && !SignInRules.AnsweredChallenges.Contains(challenge))
            problems.Add($"challenge must be one of {string.Join(", ", SignInRules.AnsweredChallenges)}");
        var session = JsonBody.RequiredString(parsed.Value, "session", SignInRules.SessionMinLength, SignInRules.SessionMaxLength, problems);
        var code = JsonBody.RequiredString(parsed.Value, "code", SignInRules.CodeLength, SignInRules.CodeLength, problems);
        if (code is not null && !code.All(char.IsAsciiDigit)) problems.Add($"code must be {SignInRules.CodeLength} digits");
        var pool = OptionalPool(parsed.Value, problems);
        return JsonBody.Problems(problems, () => new MfaAnswer(username!, challenge!, session!, code!, pool));
    }

    /// <summary>The optional <c>pool</c> field: a pool name as cdk.json writes them, or null for the self-sign-up pool.</summary>
    internal static string? OptionalPool(JsonElement body, List<string> problems) =>
        body.TryGetProperty("pool", out var value) && value.ValueKind != JsonValueKind.Null
            ? JsonBody.RequiredString(body, "pool", 1, SignInRules.PoolNameMaxLength, problems)
            : null;
}
