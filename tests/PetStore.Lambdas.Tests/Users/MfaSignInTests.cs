using PetStore.Contract;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Lambdas.Users;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Users;

/// <summary>
/// POST /login and POST /login/mfa for pools that ask for a TOTP code: the challenge and its session come back as
/// 401, the code goes to POST /login/mfa, and <c>pool</c> chooses which pool to sign in to.
/// </summary>
public class MfaSignInTests
{
    private const string Session = "session-from-cognito-0123456789";
    private readonly FakeCognito _customers = new();
    private readonly FakeCognito _staff = new();
    private readonly RecordingLog _log = new();

    private UsersApi Api() => new(_customers, SignUpConfirmation.Auto, _log.Log,
        new Dictionary<string, ICognitoClient> { ["Users"] = _customers, ["Staff"] = _staff });

    private static string Answer(string challenge, string code = "123456", string session = Session, string pool = "Staff") =>
        $$"""{"username":"olivia","challenge":"{{challenge}}","session":"{{session}}","code":"{{code}}","pool":"{{pool}}"}""";

    [Fact]
    public async Task A_staff_sign_in_goes_to_the_named_pool_answers_the_TOTP_challenge_and_then_gives_tokens()
    {
        _staff.SignIn = new SignInOutcome(null, SignInRules.SoftwareTokenMfa, Session);

        var first = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"olivia","password":"Correct-Horse-9","pool":"Staff"}"""));

        Assert.Equal(401, first.StatusCode);
        Assert.Equal(SignInRules.SoftwareTokenMfa, first.Json().GetProperty("challenge").GetString());
        Assert.Equal(Session, first.Json().GetProperty("session").GetString());
        Assert.Contains("POST /login/mfa", first.Message());
        Assert.False(first.Json().TryGetProperty("accessToken", out _));

        var second = await Api().HandleAsync(ProxyRequests.For("POST", "/login/mfa", Answer(SignInRules.SoftwareTokenMfa)));

        Assert.Equal(200, second.StatusCode);
        Assert.Equal("mfa-access", second.Json().GetProperty("accessToken").GetString());
        Assert.Equal(["InitiateAuth olivia", $"RespondToSoftwareTokenMfa olivia {Session} 123456"], _staff.Calls);
        Assert.Empty(_customers.Calls);
    }

    [Fact]
    public async Task A_first_sign_in_without_an_authenticator_gets_a_secret_to_add_and_the_first_code_completes_it()
    {
        _staff.SignIn = new SignInOutcome(null, SignInRules.MfaSetup, Session);

        var first = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"olivia","password":"Correct-Horse-9","pool":"Staff"}"""));

        Assert.Equal(401, first.StatusCode);
        var body = first.Json();
        Assert.Equal(SignInRules.MfaSetup, body.GetProperty("challenge").GetString());
        Assert.Equal(_staff.Secret.SecretCode, body.GetProperty("secretCode").GetString());
        Assert.Equal(_staff.Secret.Session, body.GetProperty("session").GetString());
        Assert.Equal($"otpauth://totp/PetStore:olivia?secret={_staff.Secret.SecretCode}&issuer=PetStore", body.GetProperty("otpauthUri").GetString());

        var second = await Api().HandleAsync(ProxyRequests.For("POST", "/login/mfa", Answer(SignInRules.MfaSetup, "654321", _staff.Secret.Session)));

        Assert.Equal(200, second.StatusCode);
        Assert.Equal(
            ["InitiateAuth olivia", $"AssociateSoftwareToken {Session}", $"CompleteMfaSetup olivia {_staff.Secret.Session} 654321"],
            _staff.Calls);
    }

    [Fact]
    public async Task Without_pool_sign_in_goes_to_the_self_sign_up_pool_and_an_unknown_pool_is_400_before_Cognito()
    {
        var customer = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"carl","password":"Correct-Horse-9"}"""));
        var unknown = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"carl","password":"Correct-Horse-9","pool":"Admins"}"""));

        Assert.Equal(200, customer.StatusCode);
        Assert.Equal(["InitiateAuth carl"], _customers.Calls);
        Assert.Equal(400, unknown.StatusCode);
        Assert.Equal("Invalid request body: pool must be one of Staff, Users.", unknown.Message());
        Assert.Empty(_staff.Calls);
    }

    [Theory]
    [InlineData("CodeMismatchException")]
    [InlineData("EnableSoftwareTokenMFAException")]
    [InlineData("NotAuthorizedException")]
    [InlineData("ExpiredCodeException")]
    [InlineData("UserNotFoundException")]
    [InlineData("InvalidParameterException")]
    public async Task A_wrong_code_an_ended_session_or_an_unknown_user_is_one_and_the_same_401(string error)
    {
        _staff.Failures["RespondToSoftwareTokenMfa"] = FakeCognito.Error(error);
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/login/mfa", Answer(SignInRules.SoftwareTokenMfa)));
        Assert.Equal(401, response.StatusCode);
        Assert.Equal($$"""{"message":"{{UsersApi.MfaRefused}}"}""", response.Body);
    }

    [Theory]
    [InlineData("""{"username":"olivia","challenge":"SOFTWARE_TOKEN_MFA","session":"session-from-cognito-0123456789","code":"12345a"}""", "code must be 6 digits")]
    [InlineData("""{"username":"olivia","challenge":"SOFTWARE_TOKEN_MFA","session":"session-from-cognito-0123456789","code":"1234567"}""", "code must be 6 digits")]
    [InlineData("""{"username":"olivia","challenge":"SMS_MFA","session":"session-from-cognito-0123456789","code":"123456"}""", "challenge must be one of SOFTWARE_TOKEN_MFA, MFA_SETUP")]
    [InlineData("""{"username":"olivia","challenge":"SOFTWARE_TOKEN_MFA","session":"short","code":"123456"}""", "session must be 20 to 2048 characters")]
    [InlineData("""{"username":"olivia","challenge":"SOFTWARE_TOKEN_MFA","code":"123456"}""", "session is required")]
    [InlineData("""{"username":"olivia","challenge":"SOFTWARE_TOKEN_MFA","session":"session-from-cognito-0123456789","code":"123456","password":"x"}""", "Unknown field(s): password")]
    public async Task Malformed_answers_are_400_and_never_reach_Cognito(string body, string message)
    {
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/login/mfa", body));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains(message, response.Message());
        Assert.Empty(_staff.Calls);
        Assert.Empty(_customers.Calls);
    }
}
