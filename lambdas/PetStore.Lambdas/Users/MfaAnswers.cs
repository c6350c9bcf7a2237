using System.Text.Json.Serialization;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Users;

/// <summary>Pure checks of POST /login/mfa's body, and of the <c>pool</c> field both sign-in routes take.</summary>
public static class MfaAnswers
{

    public static Validated<MfaAnswer> Parse(ProxyRequest request)
    {
        var body = RequestBody.Read(request, BodyModels.MfaAnswer.Names);
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
