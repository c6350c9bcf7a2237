using PetStore.Lambdas.Aws;

namespace PetStore.Lambdas.Users;

/// <summary>
/// Cognito user pools over the JSON 1.1 protocol. SignUp and InitiateAuth are public operations (no signature);
/// the Admin* operations go through a SigV4-signed client, created on first use so that sign-in never pays for it.
/// </summary>
public sealed class CognitoClient(AwsJsonClient publicApi, Lazy<AwsJsonClient> signedApi, string userPoolId, string clientId) : ICognitoClient
{
    public const string TargetPrefix = "AWSCognitoIdentityProviderService";
    public const string JsonVersion = "1.1";
    public const string SigningService = "cognito-idp";

    /// <summary>The client for one pool and app client: public calls unsigned, Admin* calls signed (created on first use).</summary>
    public static CognitoClient Create(Uri endpoint, string region, TimeSpan timeout, string userPoolId, string clientId) => new(
        new AwsJsonClient(AwsHttp.Plain(timeout), endpoint, TargetPrefix, JsonVersion),
        new Lazy<AwsJsonClient>(() => new AwsJsonClient(AwsHttp.Signed(SigningService, region, timeout), endpoint, TargetPrefix, JsonVersion)),
        userPoolId,
        clientId);

    public async Task<SignUpOutcome> SignUpAsync(string username, string password, string email, CancellationToken cancellationToken = default)
    {
        var response = await publicApi.CallAsync("SignUp",
            new SignUpRequest(clientId, username, password, [new AttributeType("email", email)]),
            CognitoJson.Default.SignUpRequest, CognitoJson.Default.SignUpResponse, cancellationToken);
        return new SignUpOutcome(response.UserConfirmed, response.UserSub ?? "");
    }

    public Task AdminConfirmSignUpAsync(string username, CancellationToken cancellationToken = default) =>
        signedApi.Value.CallAsync("AdminConfirmSignUp", new AdminUserRequest(userPoolId, username),
            CognitoJson.Default.AdminUserRequest, CognitoJson.Default.EmptyResponse, cancellationToken);

    public Task AdminAddUserToGroupAsync(string username, string group, CancellationToken cancellationToken = default) =>
        signedApi.Value.CallAsync("AdminAddUserToGroup", new AdminAddUserToGroupRequest(userPoolId, username, group),
            CognitoJson.Default.AdminAddUserToGroupRequest, CognitoJson.Default.EmptyResponse, cancellationToken);

    public Task AdminDeleteUserAsync(string username, CancellationToken cancellationToken = default) =>
        signedApi.Value.CallAsync("AdminDeleteUser", new AdminUserRequest(userPoolId, username),
            CognitoJson.Default.AdminUserRequest, CognitoJson.Default.EmptyResponse, cancellationToken);

    public async Task<SignInOutcome> InitiatePasswordAuthAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var response = await publicApi.CallAsync("InitiateAuth",
            new InitiateAuthRequest("USER_PASSWORD_AUTH", clientId, new Dictionary<string, string>
            {
                ["USERNAME"] = username,
                ["PASSWORD"] = password,
            }),
            CognitoJson.Default.InitiateAuthRequest, CognitoJson.Default.InitiateAuthResponse, cancellationToken);

        if (response.AuthenticationResult is { AccessToken: { } access, IdToken: { } id, RefreshToken: { } refresh } result)
            return new SignInOutcome(new Tokens(access, id, refresh, result.ExpiresIn), null);
        return new SignInOutcome(null, response.ChallengeName ?? "UNKNOWN");
    }
}
