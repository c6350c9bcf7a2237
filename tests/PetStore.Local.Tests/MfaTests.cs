using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Lambdas.Users;
using PetStore.Testing;

namespace PetStore.Local.Tests;

/// <summary>
/// Signing in with a TOTP code as Cognito does it: the session from the password step is bound to its user, spent
/// when used and never made up; every refused answer is the same whoever the user; the local pool asks for MFA as the
/// environment says.
/// </summary>
public class MfaTests(LocalFixture fixture)
{
    private HttpClient Http => fixture.Local.Http;

    private string ServicesUrl => fixture.Local.Lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"--local (http://127\.0\.0\.1:\d+)"))
        .First(m => m.Success).Groups[1].Value;

    /// <summary>Calls cognito-local itself, as a user's own app would call Cognito.</summary>
    private async Task<JsonObject> CognitoAsync(string operation, object body)
    {
        var targets = await Http.GetFromJsonAsync<JsonObject>($"{ServicesUrl}/local/targets");
        using var request = new HttpRequestMessage(HttpMethod.Post, targets!["cognito"]!.GetValue<string>()) { Content = JsonContent.Create(body, options: new JsonSerializerOptions()) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A new customer with an authenticator app: its name and TOTP secret.</summary>
    private async Task<(string Username, string Secret)> UserWithAuthenticatorAsync()
    {
        var username = $"totp{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJsonAsync("/users",
            JsonSerializer.Serialize(new { username, password = "Brand-New-Pass-7", email = $"{username}@example.com" }))).Status);
        var access = (await Http.PostJsonAsync("/login", JsonSerializer.Serialize(new { username, password = "Brand-New-Pass-7" })))
            .Body.GetProperty("accessToken").GetString()!;
        var secret = (await CognitoAsync("AssociateSoftwareToken", new { AccessToken = access }))["SecretCode"]!.GetValue<string>();
        await CognitoAsync("VerifySoftwareToken", new { AccessToken = access, UserCode = Totp.Code(secret, DateTimeOffset.UtcNow) });
        return (username, secret);
    }

    private async Task<string> PasswordStepAsync(string username)
    {
        var challenge = await Http.PostJsonAsync("/login", JsonSerializer.Serialize(new { username, password = "Brand-New-Pass-7" }));
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.Status);
        Assert.Equal("SOFTWARE_TOKEN_MFA", challenge.Body.GetProperty("challenge").GetString());
        return challenge.Body.GetProperty("session").GetString()!;
    }

    private Task<ApiResponse> AnswerAsync(string username, string session, string code) =>
        Http.PostJsonAsync("/login/mfa", JsonSerializer.Serialize(new { username, challenge = "SOFTWARE_TOKEN_MFA", session, code }));

    private static void AssertRefused(ApiResponse response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(UsersApi.MfaRefused, response.Message);
        Assert.Single(response.Body.EnumerateObject());
    }

    [Fact]
    public async Task A_made_up_session_is_refused_even_with_a_valid_code_and_the_same_for_an_unknown_user()
    {
        var (username, secret) = await UserWithAuthenticatorAsync();
        var madeUp = Guid.NewGuid().ToString();

        AssertRefused(await AnswerAsync(username, madeUp, Totp.Code(secret, DateTimeOffset.UtcNow)));
        AssertRefused(await AnswerAsync("nobody" + username, madeUp, Totp.Code(secret, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task A_session_is_the_users_own_and_is_spent_once_used()
    {
        var (username, secret) = await UserWithAuthenticatorAsync();
        var (other, _) = await UserWithAuthenticatorAsync();
        var session = await PasswordStepAsync(username);

        AssertRefused(await AnswerAsync(other, session, Totp.Code(secret, DateTimeOffset.UtcNow)));
        AssertRefused(await AnswerAsync(username, session, Totp.CodeNoneOfTheseWindowsAccept(secret, DateTimeOffset.UtcNow)));
        var signedIn = await AnswerAsync(username, session, Totp.Code(secret, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.False(string.IsNullOrEmpty(signedIn.Body.GetProperty("accessToken").GetString()));

        AssertRefused(await AnswerAsync(username, session, Totp.Code(secret, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task Three_wrong_codes_end_the_session()
    {
        var (username, secret) = await UserWithAuthenticatorAsync();
        var session = await PasswordStepAsync(username);

        for (var i = 0; i < 3; i++) AssertRefused(await AnswerAsync(username, session, Totp.CodeNoneOfTheseWindowsAccept(secret, DateTimeOffset.UtcNow)));

        AssertRefused(await AnswerAsync(username, session, Totp.Code(secret, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(username, await PasswordStepAsync(username), Totp.Code(secret, DateTimeOffset.UtcNow))).Status);
    }

    [Fact]
    public async Task The_local_pool_asks_for_MFA_as_the_environment_says()
    {
        var targets = await Http.GetFromJsonAsync<JsonObject>($"{ServicesUrl}/local/targets");
        var poolId = targets!["userPools"]!["Users"]!.GetValue<string>();

        var mfa = await CognitoAsync("GetUserPoolMfaConfig", new { UserPoolId = poolId });
        Assert.Equal("OPTIONAL", mfa["MfaConfiguration"]!.GetValue<string>());
        Assert.True(mfa["SoftwareTokenMfaConfiguration"]!["Enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task In_an_environment_whose_staff_pool_requires_MFA_a_demo_employee_signs_in_with_the_printed_authenticator()
    {
        await using var prod = await LocalProcess.StartAsync(arguments: ["--env", "prod"]);
        var line = await prod.WaitForLineAsync(l => l.StartsWith("Pool Staff requires MFA: employee "), TimeSpan.FromSeconds(10));
        Assert.NotNull(line);
        var secret = System.Text.RegularExpressions.Regex.Match(line, "base32 secret ([A-Z2-7]+)").Groups[1].Value;
        Assert.Null(prod.Lines.FirstOrDefault(l => l.StartsWith("Pool Users requires MFA")));

        var challenge = await prod.Http.PostJsonAsync("/login",
            JsonSerializer.Serialize(new { username = "employee", password = LocalProcess.Password, pool = "Staff" }));
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.Status);
        var session = challenge.Body.GetProperty("session").GetString()!;
        var signedIn = await prod.Http.PostJsonAsync("/login/mfa", JsonSerializer.Serialize(new
        {
            username = "employee", pool = "Staff", challenge = "SOFTWARE_TOKEN_MFA", session, code = Totp.Code(secret, DateTimeOffset.UtcNow),
        }));

        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        var employee = signedIn.Body.GetProperty("accessToken").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await prod.Http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", employee)).Status);
    }
}
