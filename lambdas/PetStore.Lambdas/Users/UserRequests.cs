using System.Net.Mail;
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
    public const int UsernameMaxLength = UserRules.UsernameMaxLength;
    public const int EmailMaxLength = UserRules.EmailMaxLength;

    private static readonly string[] NewUserFields = ["username", "password", "email"];
    private static readonly string[] CredentialFields = ["username", "password", "pool"];

    public static Validated<NewUser> ParseNewUser(string? body)
    {
        var parsed = JsonBody.ParseObject(body, NewUserFields);
        if (!parsed.IsValid) return Validated<NewUser>.Fail(parsed.Error!);

        var problems = new List<string>();
        var username = Username(JsonBody.RequiredString(parsed.Value, "username", 1, UsernameMaxLength, problems), problems);
        var password = JsonBody.RequiredString(parsed.Value, "password", 1, PasswordRules.MaxLength, problems, trim: false);
        if (password is not null && PasswordRules.Problems(password) is { Count: > 0 } weak)
            problems.Add($"password must have {string.Join(", ", weak)}");
        var email = Email(JsonBody.RequiredString(parsed.Value, "email", 3, EmailMaxLength, problems), problems);
        return JsonBody.Problems(problems, () => new NewUser(username!, password!, email!));
    }

    public static Validated<Credentials> ParseCredentials(string? body)
    {
        var parsed = JsonBody.ParseObject(body, CredentialFields);
        if (!parsed.IsValid) return Validated<Credentials>.Fail(parsed.Error!);

        var problems = new List<string>();
        var username = JsonBody.RequiredString(parsed.Value, "username", 1, UsernameMaxLength, problems);
        var password = JsonBody.RequiredString(parsed.Value, "password", 1, PasswordRules.MaxLength, problems, trim: false);
        var pool = MfaAnswers.OptionalPool(parsed.Value, problems);
        return JsonBody.Problems(problems, () => new Credentials(username!, password!, pool));
    }

    // Cognito usernames are case-insensitive by our pool setting and may not contain whitespace.
    private static string? Username(string? username, List<string> problems)
    {
        if (username is null) return null;
        if (username.Any(char.IsWhiteSpace))
        {
            problems.Add("username must not contain spaces");
            return null;
        }
        return username;
    }

    private static string? Email(string? email, List<string> problems)
    {
        if (email is null) return null;
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length > 0 ||
            !parsed.Host.Contains('.') || parsed.Host.EndsWith('.'))
        {
            problems.Add("email must be an email address such as name@example.com");
            return null;
        }
        return email;
    }
}
