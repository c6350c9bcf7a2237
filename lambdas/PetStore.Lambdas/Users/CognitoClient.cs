using System.Net;
using PetStore.Contract;
using PetStore.Aws;

namespace PetStore.Lambdas.Users;

/// <summary>
/// Cognito user pools over the JSON 1.1 protocol. SignUp and InitiateAuth are public operations (no signature);
/// the Admin* operations go through a SigV4-signed client, created on first use so that sign-in never pays for it.
/// </summary>
public sealed class CognitoClient(AwsJsonClient publicApi, Lazy<AwsJsonClient> signedApi, string userPoolId, string clientId) : ICognitoClient
{
    public const string TargetPrefix = CognitoProtocol.TargetPrefix;
    public const string JsonVersion = CognitoProtocol.JsonVersion;
    public const string SigningService = CognitoProtocol.SigningService;

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

        return Outcome(response);
    }

    public async Task<SignInOutcome> RespondToSoftwareTokenMfaAsync(string username, string session, string code, CancellationToken cancellationToken = default) =>
        Outcome(await RespondAsync(SignInRules.SoftwareTokenMfa, session, new Dictionary<string, string>
        {
            ["USERNAME"] = username,
            ["SOFTWARE_TOKEN_MFA_CODE"] = code,
        }, cancellationToken));

    public async Task<SoftwareTokenSecret> AssociateSoftwareTokenAsync(string session, CancellationToken cancellationToken = default)
    {
        var response = await publicApi.CallAsync("AssociateSoftwareToken", new AssociateSoftwareTokenRequest(session),
            CognitoJson.Default.AssociateSoftwareTokenRequest, CognitoJson.Default.AssociateSoftwareTokenResponse, cancellationToken);
        return response is { SecretCode: { } secret, Session: { } next }
            ? new SoftwareTokenSecret(secret, next)
            : throw new AwsServiceException("InvalidResponse", "AssociateSoftwareToken returned no secret code or session.", HttpStatusCode.BadGateway);
    }

    public async Task<SignInOutcome> CompleteMfaSetupAsync(string username, string session, string code, CancellationToken cancellationToken = default)
    {
        var verified = await publicApi.CallAsync("VerifySoftwareToken", new VerifySoftwareTokenRequest(session, code),
            CognitoJson.Default.VerifySoftwareTokenRequest, CognitoJson.Default.VerifySoftwareTokenResponse, cancellationToken);
        if (verified.Status != "SUCCESS" || verified.Session is not { } next)
            throw new AwsServiceException("EnableSoftwareTokenMFAException", "The code did not verify the authenticator.", HttpStatusCode.BadRequest);
        return Outcome(await RespondAsync(SignInRules.MfaSetup, next, new Dictionary<string, string> { ["USERNAME"] = username }, cancellationToken));
    }

    private Task<InitiateAuthResponse> RespondAsync(string challenge, string session, IReadOnlyDictionary<string, string> responses, CancellationToken cancellationToken) =>
        publicApi.CallAsync("RespondToAuthChallenge", new RespondToAuthChallengeRequest(challenge, clientId, session, responses),
            CognitoJson.Default.RespondToAuthChallengeRequest, CognitoJson.Default.InitiateAuthResponse, cancellationToken);

    private static SignInOutcome Outcome(InitiateAuthResponse response) =>
        response.AuthenticationResult is { AccessToken: { } access, IdToken: { } id, RefreshToken: { } refresh } result
            ? new SignInOutcome(new Tokens(access, id, refresh, result.ExpiresIn), null)
            : new SignInOutcome(null, response.ChallengeName ?? "UNKNOWN", response.Session);
}
