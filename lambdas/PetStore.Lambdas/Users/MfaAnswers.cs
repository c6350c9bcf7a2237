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

    public static Validated<MfaAnswer> Parse(ProxyRequest request)
    {
        var body = RequestBody.Read(request, Fields);
        if (!body.IsValid) return Validated<MfaAnswer>.Fail(body.Error!);

        var problems = new List<string>();
        var username = body.Value!.ExistingUsername("username", problems);
        var challenge = body.Value.Text("challenge", 32, problems);
        if (challenge is not null && !SignInRules.AnsweredChallenges.Contains(challenge))
            problems.Add($"challenge must be one of {string.Join(", ", SignInRules.AnsweredChallenges)}");
        var session = body.Value.Text("session", SignInRules.SessionMaxLength, problems);
        if (session is not null && session.Length < SignInRules.SessionMinLength)
            problems.Add($"session must be {SignInRules.SessionMinLength} to {SignInRules.SessionMaxLength} characters");
        var code = body.Value.Text("code", SignInRules.CodeLength * 4, problems);
        if (code is not null && (code.Length != SignInRules.CodeLength || !code.All(char.IsAsciiDigit)))
            problems.Add($"code must be {SignInRules.CodeLength} digits");
        var pool = body.Value.OptionalText("pool", SignInRules.PoolNameMaxLength, problems);
        return RequestBody.Problems(problems, () => new MfaAnswer(username!, challenge!, session!, code!, pool));
    }
}
