using System.Text;
using PetStore.Contract;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;
using PetStore.Lambdas.Users;

namespace PetStore.Lambdas.Tests.Users;

public class UsersApiTests
{
    private const string NewUser = """{"username":"alice","password":"Correct-Horse-9","email":"alice@example.com"}""";
    private readonly FakeCognito _cognito = new();
    private readonly RecordingLog _log = new();

    private UsersApi Api(SignUpConfirmation confirmation = SignUpConfirmation.Auto) => new(_cognito, confirmation, _log.Log);

    [Fact]
    public async Task Registering_in_auto_mode_confirms_the_user_and_makes_them_a_customer()
    {
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/users", NewUser));

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("alice", response.Json().GetProperty("username").GetString());
        Assert.True(response.Json().GetProperty("userConfirmed").GetBoolean());
        Assert.Equal(
            ["SignUp alice alice@example.com", "AdminConfirmSignUp alice", "AdminAddUserToGroup alice customers"],
            _cognito.Calls);
    }

    [Fact]
    public async Task Registering_in_email_mode_leaves_confirmation_to_the_emailed_code()
    {
        var response = await Api(SignUpConfirmation.Email).HandleAsync(ProxyRequests.For("POST", "/users", NewUser));

        Assert.Equal(201, response.StatusCode);
        Assert.False(response.Json().GetProperty("userConfirmed").GetBoolean());
        Assert.DoesNotContain(_cognito.Calls, c => c.StartsWith("AdminConfirmSignUp"));
        Assert.Contains("AdminAddUserToGroup alice customers", _cognito.Calls);
    }

    [Fact]
    public async Task An_existing_username_is_409()
    {
        _cognito.Users.Add("alice");
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/users", NewUser));
        Assert.Equal(409, response.StatusCode);
        Assert.Contains("already exists", response.Message());
    }

    [Theory]
    [InlineData("""{"username":"alice","password":"weak","email":"alice@example.com"}""", "password must have at least 12 characters")]
    [InlineData("""{"username":"alice","password":"Correct-Horse-9","email":"not-an-email"}""", "email must be an email address")]
    [InlineData("""{"username":"alice","password":"Correct-Horse-9","email":"Alice <alice@example.com>"}""", "email must be an email address")]
    [InlineData("""{"username":"al ice","password":"Correct-Horse-9","email":"alice@example.com"}""", "username must be 1 to 128 ASCII letters")]
    [InlineData("""{"password":"Correct-Horse-9","email":"alice@example.com"}""", "username is required")]
    [InlineData("""{"username":"alice","password":"Correct-Horse-9"}""", "email is required")]
    [InlineData("""{"username":"alice","password":"Correct-Horse-9","email":"alice@example.com","admin":true}""", "Unknown field(s): admin")]
    [InlineData("not json", "not valid JSON")]
    public async Task Invalid_registrations_are_400_and_never_reach_Cognito(string body, string message)
    {
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/users", body));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains(message, response.Message());
        Assert.Empty(_cognito.Calls);
    }

    [Fact]
    public async Task Passwords_are_passed_on_exactly_as_typed()
    {
        var cognito = new CapturingCognito();
        await new UsersApi(cognito, SignUpConfirmation.Auto, _log.Log).HandleAsync(ProxyRequests.For("POST", "/login",
            """{"username":"alice","password":"  spaced Pass-1  "}"""));
        Assert.Equal("  spaced Pass-1  ", cognito.Password);
    }

    [Fact]
    public async Task Cognito_refusing_the_password_is_400_with_its_reason()
    {
        _cognito.Failures["SignUp"] = FakeCognito.Error("InvalidPasswordException", "Password did not conform with policy");
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/users", NewUser));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Password did not conform with policy", response.Message());
    }

    [Fact]
    public async Task A_failure_after_sign_up_removes_the_half_made_user_so_a_retry_works()
    {
        _cognito.Failures["AdminAddUserToGroup"] = new HttpRequestException("connection reset");

        var first = await Api().HandleAsync(ProxyRequests.For("POST", "/users", NewUser));
        Assert.Equal(503, first.StatusCode);
        Assert.Contains("AdminDeleteUser alice", _cognito.Calls);
        Assert.DoesNotContain("alice", _cognito.Users);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("Correct-Horse-9"));

        _cognito.Failures.Clear();
        var retry = await Api().HandleAsync(ProxyRequests.For("POST", "/users", NewUser));
        Assert.Equal(201, retry.StatusCode);
    }

    [Fact]
    public async Task Cognito_throttling_is_429()
    {
        _cognito.Failures["SignUp"] = FakeCognito.Error("TooManyRequestsException");
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/users", NewUser));
        Assert.Equal(429, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_returns_the_tokens_as_a_bearer()
    {
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"alice","password":"Correct-Horse-9"}"""));

        Assert.Equal(200, response.StatusCode);
        var body = response.Json();
        Assert.Equal("access", body.GetProperty("accessToken").GetString());
        Assert.Equal("id", body.GetProperty("idToken").GetString());
        Assert.Equal("refresh", body.GetProperty("refreshToken").GetString());
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
    }

    [Fact]
    public async Task Without_ExpiresIn_from_Cognito_the_lifetime_is_read_from_the_access_token()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"iat":1000,"exp":1900}""")).TrimEnd('=');
        _cognito.SignIn = new SignInOutcome(new Tokens($"e30.{payload}.sig", "id", "refresh", null), null);

        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"alice","password":"Correct-Horse-9"}"""));

        Assert.Equal(900, response.Json().GetProperty("expiresIn").GetInt32());
    }

    [Theory]
    [InlineData("NotAuthorizedException", "Incorrect username or password.")]
    [InlineData("UserNotFoundException", "Incorrect username or password.")]
    [InlineData("InvalidPasswordException", "Incorrect username or password.")]
    [InlineData("UserNotConfirmedException", "User is not confirmed.")]
    public async Task Bad_credentials_are_401(string error, string message)
    {
        _cognito.Failures["InitiateAuth"] = FakeCognito.Error(error);
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"alice","password":"Wrong-Horse-99"}"""));
        Assert.Equal(401, response.StatusCode);
        Assert.Equal(message, response.Message());
    }

    [Fact]
    public async Task A_challenge_the_API_cannot_answer_is_401_naming_it()
    {
        _cognito.SignIn = new SignInOutcome(null, "NEW_PASSWORD_REQUIRED", "session-0123456789-abcdefghij");
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"alice","password":"Correct-Horse-9"}"""));
        Assert.Equal(401, response.StatusCode);
        Assert.Contains("NEW_PASSWORD_REQUIRED", response.Message());
        Assert.False(response.Json().TryGetProperty("session", out _));
    }

    [Fact]
    public async Task Cognito_unreachable_is_503_not_500()
    {
        _cognito.Failures["InitiateAuth"] = new TaskCanceledException("timeout");
        var response = await Api().HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"alice","password":"Correct-Horse-9"}"""));
        Assert.Equal(503, response.StatusCode);
    }

    private sealed class CapturingCognito : ICognitoClient
    {
        public string? Password { get; private set; }
        public Task<SignUpOutcome> SignUpAsync(string u, string p, string e, CancellationToken c = default) => throw new NotSupportedException();
        public Task AdminConfirmSignUpAsync(string u, CancellationToken c = default) => throw new NotSupportedException();
        public Task AdminAddUserToGroupAsync(string u, string g, CancellationToken c = default) => throw new NotSupportedException();
        public Task AdminDeleteUserAsync(string u, CancellationToken c = default) => throw new NotSupportedException();

        public Task<SignInOutcome> InitiatePasswordAuthAsync(string username, string password, CancellationToken c = default)
        {
            Password = password;
            return Task.FromResult(new SignInOutcome(null, "X"));
        }

        public Task<SignInOutcome> RespondToSoftwareTokenMfaAsync(string u, string s, string code, CancellationToken c = default) => throw new NotSupportedException();
        public Task<SoftwareTokenSecret> AssociateSoftwareTokenAsync(string s, CancellationToken c = default) => throw new NotSupportedException();
        public Task<SignInOutcome> CompleteMfaSetupAsync(string u, string s, string code, CancellationToken c = default) => throw new NotSupportedException();
    }
}
