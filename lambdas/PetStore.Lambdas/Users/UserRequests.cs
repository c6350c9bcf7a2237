using System.Text.Json.Serialization;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Users;

/// <summary>Pure checks of the users routes' bodies.</summary>
public static class UserRequests
{

    public static Validated<NewUser> ParseNewUser(ProxyRequest request)
    {
        var body = RequestBody.Read(request, BodyModels.NewUser.Names);
        if (!body.IsValid) return Validated<NewUser>.Fail(body.Error!);

        var problems = new List<string>();
        var username = body.Value!.NewUsername("username", problems);
        var password = body.Value.Password("password", PasswordRules.MaxLength, problems);
        if (password is not null && PasswordRules.Problems(password) is { Count: > 0 } weak)
            problems.Add($"password must have {string.Join(", ", weak)}");
        var email = body.Value.Email("email", problems);
        return RequestBody.Problems(problems, () => new NewUser(username!, password!, email!));
    }

    public static Validated<Credentials> ParseCredentials(ProxyRequest request)
    {
        var body = RequestBody.Read(request, BodyModels.Credentials.Names);
        if (!body.IsValid) return Validated<Credentials>.Fail(body.Error!);

        var problems = new List<string>();
        var username = body.Value!.ExistingUsername("username", problems);
        var password = body.Value.Password("password", PasswordRules.MaxLength, problems);
        var pool = body.Value.OptionalText("pool", SignInRules.PoolNameMaxLength, problems);
        return RequestBody.Problems(problems, () => new Credentials(username!, password!, pool));
    }
}
