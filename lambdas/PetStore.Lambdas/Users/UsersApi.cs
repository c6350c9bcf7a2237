using System.Buffers.Text;
using System.Text.Json;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Aws;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Users;

/// <summary>
/// POST /users, POST /login and POST /login/mfa on Cognito. Registration either completes or leaves no user behind.
/// Sign-in goes to the self-sign-up pool (<paramref name="cognito"/>) or, with <c>pool</c>, to another of
/// <paramref name="signInPools"/> by name; a pool that wants a TOTP code answers 401 with the challenge and the session
/// that POST /login/mfa continues.
/// </summary>
public sealed class UsersApi(ICognitoClient cognito, SignUpConfirmation confirmation, JsonLog log,
    IReadOnlyDictionary<string, ICognitoClient>? signInPools = null)
{
    private const int DefaultExpiresInSeconds = 3600;

    public Task<ProxyResponse> HandleAsync(ProxyRequest request) =>
        RouteTable.Find(request.HttpMethod, request.Resource)?.Operation switch
        {
            RouteTable.Operations.SignUp => SignUpAsync(request),
            RouteTable.Operations.Login => LoginAsync(request),
            RouteTable.Operations.AnswerMfa => AnswerMfaAsync(request),
            _ => Task.FromResult(ApiResult.NotFound($"No route for {request.HttpMethod} {request.Resource}.")),
        };

    private async Task<ProxyResponse> SignUpAsync(ProxyRequest request)
    {
        var input = UserRequests.ParseNewUser(request);
        if (!input.IsValid) return ApiResult.BadRequest(input.Error!);
        var user = input.Value!;

        SignUpOutcome created;
        try
        {
            created = await cognito.SignUpAsync(user.Username, user.Password, user.Email);
        }
        catch (AwsServiceException e) when (e.ErrorType == "UsernameExistsException")
        {
            return ApiResult.Message(409, "A user with that username already exists.");
        }
        catch (AwsServiceException e) when (e.ErrorType is "InvalidPasswordException" or "InvalidParameterException")
        {
            return ApiResult.BadRequest(e.ServiceMessage);
        }
        catch (Exception e) when (IsUpstreamFailure(e))
        {
            return UpstreamFailure(e, "SignUp");
        }

        try
        {
            var confirmed = created.UserConfirmed;
            if (confirmation == SignUpConfirmation.Auto && !confirmed)
            {
                await cognito.AdminConfirmSignUpAsync(user.Username);
                confirmed = true;
            }
            await cognito.AdminAddUserToGroupAsync(user.Username, Groups.Customers);
            log.Info("User registered", ("userSub", created.UserSub), ("confirmed", confirmed));
            return ApiResult.Json(201, new UserCreatedBody(user.Username, confirmed), LambdaJson.Default.UserCreatedBody);
        }
        catch (Exception e) when (IsUpstreamFailure(e))
        {
            // A user without the customers group (or unconfirmed in auto mode) is half made: remove it so the
            // client can simply retry.
            await RemoveHalfRegisteredUserAsync(user.Username);
            return UpstreamFailure(e, "CompleteSignUp");
        }
    }

    private async Task<ProxyResponse> LoginAsync(ProxyRequest request)
    {
        var input = UserRequests.ParseCredentials(request);
        if (!input.IsValid) return ApiResult.BadRequest(input.Error!);
        var credentials = input.Value!;
        if (SignInPool(credentials.Pool) is not { } pool) return UnknownPool();

        SignInOutcome outcome;
        try
        {
            outcome = await pool.InitiatePasswordAuthAsync(credentials.Username, credentials.Password);
        }
        // Cognito-local reports a wrong password as InvalidPasswordException; AWS says NotAuthorizedException.
        catch (AwsServiceException e) when (e.ErrorType is "NotAuthorizedException" or "UserNotFoundException" or "InvalidPasswordException")
        {
            return ApiResult.Message(401, "Incorrect username or password.");
        }
        catch (AwsServiceException e) when (e.ErrorType == "UserNotConfirmedException")
        {
            return ApiResult.Message(401, "User is not confirmed.");
        }
        catch (AwsServiceException e) when (e.ErrorType == "PasswordResetRequiredException")
        {
            return ApiResult.Message(401, "Password reset required.");
        }
        catch (Exception e) when (IsUpstreamFailure(e))
        {
            return UpstreamFailure(e, "InitiateAuth");
        }

        return await SignInResultAsync(pool, credentials.Username, outcome);
    }

    private async Task<ProxyResponse> AnswerMfaAsync(ProxyRequest request)
    {
        var input = MfaAnswers.Parse(request);
        if (!input.IsValid) return ApiResult.BadRequest(input.Error!);
        var answer = input.Value!;
        if (SignInPool(answer.Pool) is not { } pool) return UnknownPool();

        SignInOutcome outcome;
        try
        {
            outcome = answer.Challenge == SignInRules.SoftwareTokenMfa
                ? await pool.RespondToSoftwareTokenMfaAsync(answer.Username, answer.Session, answer.Code)
                : await pool.CompleteMfaSetupAsync(answer.Username, answer.Session, answer.Code);
        }
        // One answer for a wrong code, an ended, spent or made-up session and an unknown user: which one it was would
        // tell a caller without a valid session whether the user exists. The body was checked above, so Cognito's
        // InvalidParameterException here is about the session or the user too.
        catch (AwsServiceException e) when (e.ErrorType is "CodeMismatchException" or "EnableSoftwareTokenMFAException" or "NotAuthorizedException"
            or "ExpiredCodeException" or "UserNotFoundException" or "InvalidParameterException")
        {
            log.Info("MFA answer refused", ("errorType", e.ErrorType));
            return ApiResult.Message(401, MfaRefused);
        }
        catch (Exception e) when (IsUpstreamFailure(e))
        {
            return UpstreamFailure(e, "RespondToAuthChallenge");
        }

        return await SignInResultAsync(pool, answer.Username, outcome);
    }

    /// <summary>Tokens (200), or the challenge Cognito asks for (401): TOTP challenges with what POST /login/mfa needs.</summary>
    private async Task<ProxyResponse> SignInResultAsync(ICognitoClient pool, string username, SignInOutcome outcome)
    {
        if (outcome.Tokens is { } tokens)
        {
            var expiresIn = tokens.ExpiresIn ?? LifetimeSeconds(tokens.AccessToken) ?? DefaultExpiresInSeconds;
            return ApiResult.Json(200,
                new LoginBody(tokens.AccessToken, tokens.IdToken, tokens.RefreshToken, expiresIn, "Bearer"),
                LambdaJson.Default.LoginBody);
        }

        switch (outcome.ChallengeName, outcome.Session)
        {
            case (SignInRules.SoftwareTokenMfa, { } session):
                return Challenge(new ChallengeBody(
                    "Enter the code from your authenticator app: POST /login/mfa with this session.", SignInRules.SoftwareTokenMfa, session));
            case (SignInRules.MfaSetup, { } session):
                SoftwareTokenSecret secret;
                try
                {
                    secret = await pool.AssociateSoftwareTokenAsync(session);
                }
                catch (AwsServiceException e) when (e.ErrorType is "NotAuthorizedException" or "ExpiredCodeException")
                {
                    return SessionEnded();
                }
                catch (Exception e) when (IsUpstreamFailure(e))
                {
                    return UpstreamFailure(e, "AssociateSoftwareToken");
                }
                return Challenge(new ChallengeBody(
                    "This account needs an authenticator app: add the secret code to one, then POST /login/mfa with its current code and this session.",
                    SignInRules.MfaSetup, secret.Session, secret.SecretCode,
                    $"otpauth://totp/PetStore:{Uri.EscapeDataString(username)}?secret={secret.SecretCode}&issuer=PetStore"));
            default:
                return ApiResult.Message(401, $"Sign-in needs the {outcome.ChallengeName} challenge, which this API does not answer.");
        }
    }

    /// <summary>Every refused answer to POST /login/mfa, whatever the reason and whoever the user.</summary>
    public const string MfaRefused = "The code is wrong, or the sign-in session has ended or belongs to another user: try the code again, or sign in again with POST /login.";

    private static ProxyResponse Challenge(ChallengeBody body) => ApiResult.Json(401, body, LambdaJson.Default.ChallengeBody);

    private static ProxyResponse SessionEnded() =>
        ApiResult.Message(401, "The sign-in session has ended or does not match; sign in again with POST /login.");

    private ICognitoClient? SignInPool(string? name) =>
        name is null ? cognito : signInPools is not null && signInPools.TryGetValue(name, out var pool) ? pool : null;

    private ProxyResponse UnknownPool() => ApiResult.BadRequest(
        $"Invalid request body: pool must be one of {string.Join(", ", (signInPools ?? new Dictionary<string, ICognitoClient>()).Keys.Order(StringComparer.Ordinal))}.");

    private async Task RemoveHalfRegisteredUserAsync(string username)
    {
        try
        {
            await cognito.AdminDeleteUserAsync(username);
        }
        catch (Exception e) when (IsUpstreamFailure(e))
        {
            log.Error("Could not remove a half-registered user", ("username", username), ("errorType", ErrorType(e)));
        }
    }

    private static bool IsUpstreamFailure(Exception e) => e is AwsServiceException or HttpRequestException or TaskCanceledException;

    private ProxyResponse UpstreamFailure(Exception e, string operation)
    {
        log.Error("Cognito call failed", ("operation", operation), ("errorType", ErrorType(e)));
        return e switch
        {
            AwsServiceException { IsThrottling: true } => ApiResult.Message(429, "Too many requests; retry later."),
            _ when AwsServiceException.IsUnavailable(e) => ApiResult.Unavailable("identity service"),
            _ => ApiResult.Message(502, "The identity service rejected the request."),
        };
    }

    private static string ErrorType(Exception e) => e is AwsServiceException aws ? aws.ErrorType : e.GetType().Name;

    /// <summary>
    /// exp − iat of a token Cognito just issued. AWS returns ExpiresIn itself; emulators may not, and the payload
    /// says the same thing.
    /// </summary>
    internal static int? LifetimeSeconds(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return json.RootElement.TryGetProperty("exp", out var exp) && json.RootElement.TryGetProperty("iat", out var iat)
                ? (int)(exp.GetInt64() - iat.GetInt64())
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
