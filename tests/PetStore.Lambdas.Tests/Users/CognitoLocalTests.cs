using System.Text.Json;
using System.Text;
using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Lambdas.Users;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Users;

/// <summary>The Cognito client and the users API against cognito-local, a Cognito user pools emulator.</summary>
public class CognitoLocalTests(CognitoLocalFixture fixture) : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private CognitoClient _client = null!;

    private CognitoLocalPool _pool = null!;

    // MFA offered, as the self-sign-up pool has it: a user who adds an authenticator is asked for its code.
    public async ValueTask InitializeAsync()
    {
        _pool = await CognitoLocalPool.CreateAsync(_http, fixture.Cognito.Endpoint, mfaConfiguration: "OPTIONAL");
        _client = _pool.Client;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_user_registered_through_the_API_can_sign_in_and_is_a_customer()
    {
        var log = new RecordingLog();
        var api = new UsersApi(_client, SignUpConfirmation.Auto, log.Log);

        var created = await api.HandleAsync(ProxyRequests.For("POST", "/users",
            """{"username":"carol","password":"Correct-Horse-9","email":"carol@example.com"}"""));
        var login = await api.HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"carol","password":"Correct-Horse-9"}"""));

        Assert.Equal(201, created.StatusCode);
        Assert.True(created.Json().GetProperty("userConfirmed").GetBoolean());
        Assert.Equal(200, login.StatusCode);
        var access = login.Json().GetProperty("accessToken").GetString()!;
        var claims = JsonDocument.Parse(Base64UrlDecode(access.Split('.')[1])).RootElement;
        Assert.Equal("access", claims.GetProperty("token_use").GetString());
        Assert.Equal(["customers"], claims.GetProperty("cognito:groups").EnumerateArray().Select(g => g.GetString()));
        Assert.True(login.Json().GetProperty("expiresIn").GetInt32() > 0);
    }

    [Fact]
    public async Task Once_a_user_has_an_authenticator_sign_in_takes_its_code_through_POST_login_mfa()
    {
        var api = new UsersApi(_client, SignUpConfirmation.Auto, new RecordingLog().Log, new Dictionary<string, ICognitoClient> { ["Users"] = _client });
        await api.HandleAsync(ProxyRequests.For("POST", "/users", """{"username":"tina","password":"Correct-Horse-9","email":"tina@example.com"}"""));
        const string Credentials = """{"username":"tina","password":"Correct-Horse-9","pool":"Users"}""";
        var access = (await api.HandleAsync(ProxyRequests.For("POST", "/login", Credentials))).Json().GetProperty("accessToken").GetString()!;
        // The user adds an authenticator app (Cognito's own calls, with their access token).
        var secret = (await _pool.AdminAsync("AssociateSoftwareToken", new { AccessToken = access })).GetProperty("SecretCode").GetString()!;
        await _pool.AdminAsync("VerifySoftwareToken", new { AccessToken = access, UserCode = Totp.Code(secret, DateTimeOffset.UtcNow) });

        var challenge = await api.HandleAsync(ProxyRequests.For("POST", "/login", Credentials));
        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal("SOFTWARE_TOKEN_MFA", challenge.Json().GetProperty("challenge").GetString());
        var session = challenge.Json().GetProperty("session").GetString()!;
        string Answer(string code) => JsonSerializer.Serialize(new { username = "tina", challenge = "SOFTWARE_TOKEN_MFA", session, code, pool = "Users" });

        var wrong = await api.HandleAsync(ProxyRequests.For("POST", "/login/mfa", Answer(Totp.CodeNoneOfTheseWindowsAccept(secret, DateTimeOffset.UtcNow))));
        var right = await api.HandleAsync(ProxyRequests.For("POST", "/login/mfa", Answer(Totp.Code(secret, DateTimeOffset.UtcNow))));

        Assert.Equal(401, wrong.StatusCode);
        Assert.Equal(UsersApi.MfaRefused, wrong.Message());
        Assert.Equal(200, right.StatusCode);
        var claims = JsonDocument.Parse(Base64UrlDecode(right.Json().GetProperty("accessToken").GetString()!.Split('.')[1])).RootElement;
        Assert.Equal(["customers"], claims.GetProperty("cognito:groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Registering_the_same_username_twice_is_409()
    {
        var api = new UsersApi(_client, SignUpConfirmation.Auto, new RecordingLog().Log);
        const string body = """{"username":"dave","password":"Correct-Horse-9","email":"dave@example.com"}""";

        Assert.Equal(201, (await api.HandleAsync(ProxyRequests.For("POST", "/users", body))).StatusCode);
        Assert.Equal(409, (await api.HandleAsync(ProxyRequests.For("POST", "/users", body))).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_401()
    {
        var api = new UsersApi(_client, SignUpConfirmation.Auto, new RecordingLog().Log);
        await api.HandleAsync(ProxyRequests.For("POST", "/users", """{"username":"erin","password":"Correct-Horse-9","email":"erin@example.com"}"""));

        var login = await api.HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"erin","password":"Wrong-Horse-99"}"""));
        var unknown = await api.HandleAsync(ProxyRequests.For("POST", "/login", """{"username":"nobody","password":"Wrong-Horse-99"}"""));

        Assert.Equal(401, login.StatusCode);
        Assert.Equal(401, unknown.StatusCode);
    }

    [Fact]
    public async Task A_deleted_user_can_no_longer_sign_in()
    {
        await _client.SignUpAsync("frank", "Correct-Horse-9", "frank@example.com", TestContext.Current.CancellationToken);
        await _client.AdminConfirmSignUpAsync("frank", TestContext.Current.CancellationToken);

        await _client.AdminDeleteUserAsync("frank", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _client.InitiatePasswordAuthAsync("frank", "Correct-Horse-9"));
        Assert.Contains(error.ErrorType, new[] { "UserNotFoundException", "NotAuthorizedException" });
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
