using System.Text.Json.Serialization;
using PetStore.Contract;

namespace PetStore.Lambdas.Users;

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
