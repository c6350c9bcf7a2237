using System.Text.Json.Serialization;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Users;

public sealed record NewUser(string Username, string Password, string Email);

/// <param name="Pool">The user pool to sign in to by its cdk.json name; null for the self-sign-up pool.</param>
public sealed record Credentials(string Username, string Password, string? Pool = null);

public sealed record UserCreatedBody(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("userConfirmed")] bool UserConfirmed);

public sealed record LoginBody(
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("idToken")] string IdToken,
    [property: JsonPropertyName("refreshToken")] string RefreshToken,
    [property: JsonPropertyName("expiresIn")] int ExpiresIn,
    [property: JsonPropertyName("tokenType")] string TokenType);

/// <summary>Pure checks of the users routes' bodies.</summary>
public static class UserRequests
{
    private static readonly string[] NewUserFields = ["username", "password", "email"];
    private static readonly string[] CredentialFields = ["username", "password", "pool"];

    public static Validated<NewUser> ParseNewUser(ProxyRequest request)
    {
        var body = RequestBody.Read(request, NewUserFields);
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
        var body = RequestBody.Read(request, CredentialFields);
        if (!body.IsValid) return Validated<Credentials>.Fail(body.Error!);

        var problems = new List<string>();
        var username = body.Value!.ExistingUsername("username", problems);
        var password = body.Value.Password("password", PasswordRules.MaxLength, problems);
        var pool = body.Value.OptionalText("pool", SignInRules.PoolNameMaxLength, problems);
        return RequestBody.Problems(problems, () => new Credentials(username!, password!, pool));
    }
}
