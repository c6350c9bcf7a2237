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

    /// <summary>Answers SOFTWARE_TOKEN_MFA with a code from the user's authenticator app.</summary>
    Task<SignInOutcome> RespondToSoftwareTokenMfaAsync(string username, string session, string code, CancellationToken cancellationToken = default);

    /// <summary>MFA_SETUP, first step: a new TOTP secret for the user signing in, and the session to go on in.</summary>
    Task<SoftwareTokenSecret> AssociateSoftwareTokenAsync(string session, CancellationToken cancellationToken = default);

    /// <summary>MFA_SETUP, last step: proves the authenticator app has the secret, then completes the sign-in.</summary>
    Task<SignInOutcome> CompleteMfaSetupAsync(string username, string session, string code, CancellationToken cancellationToken = default);
}
