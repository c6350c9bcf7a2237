namespace PetStore.Lambdas.Users;

/// <summary>
/// The Cognito user pool operations the API uses. AWSSDK.CognitoIdentityProvider is not available here, so
/// <see cref="CognitoClient"/> implements them over the JSON wire protocol; the SDK's client could stand behind this
/// interface instead.
/// </summary>
public interface ICognitoClient
{
    Task<SignUpOutcome> SignUpAsync(string username, string password, string email, CancellationToken cancellationToken = default);
    Task AdminConfirmSignUpAsync(string username, CancellationToken cancellationToken = default);
    Task AdminAddUserToGroupAsync(string username, string group, CancellationToken cancellationToken = default);
    Task AdminDeleteUserAsync(string username, CancellationToken cancellationToken = default);
    Task<SignInOutcome> InitiatePasswordAuthAsync(string username, string password, CancellationToken cancellationToken = default);
}

public sealed record SignUpOutcome(bool UserConfirmed, string UserSub);

/// <summary>Tokens, or the name of a challenge Cognito wants answered first.</summary>
public sealed record SignInOutcome(Tokens? Tokens, string? ChallengeName);

public sealed record Tokens(string AccessToken, string IdToken, string RefreshToken, int? ExpiresIn);
