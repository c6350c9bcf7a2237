using System.Net;
using System.Text;
using System.Text.Json;
using PetStore.Local;

namespace PetStore.Local.Tests;

/// <summary>The stand-ins (the demo OIDC issuer, Verified Permissions, API Gateway's keys, the Cognito trigger) answer bad input with a 400 and a JSON error, never a 500.</summary>
public class StandInBadInputTests(LocalFixture fixture)
{
    private string ServicesUrl => fixture.Local.Lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"--local (http://127\.0\.0\.1:\d+)"))
        .First(m => m.Success).Groups[1].Value;

    private string TokenEndpoint => fixture.Local.Lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"tokens from POST (\S+)"))
        .First(m => m.Success).Groups[1].Value;

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostFormAsync(string form)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await fixture.Local.Http.PostAsync(TokenEndpoint, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"{(int)response.StatusCode} with an empty body");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public static TheoryData<string> BadForms => new(
        $"grant_type=client_credentials&client_id=a%00b&client_secret={Uri.EscapeDataString(LocalProcess.Password)}",
        $"grant_type=password&username=al%00ice&client_secret={Uri.EscapeDataString(LocalProcess.Password)}",
        $"grant_type=client_credentials%00&client_id=a&client_secret={Uri.EscapeDataString(LocalProcess.Password)}",
        $"{new string('k', 3_000)}=v&grant_type=client_credentials&client_id=a&client_secret={Uri.EscapeDataString(LocalProcess.Password)}",
        $"grant_type=client_credentials&client_id={new string('c', 5_000)}&client_secret={Uri.EscapeDataString(LocalProcess.Password)}",
        $"grant_type=client_credentials&client_id=a&client_id=b&client_secret={Uri.EscapeDataString(LocalProcess.Password)}",
        "%zz=%zz&grant_type=client_credentials",
        "grant_type=client_credentials&client_id=%E2%80%AEa");

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task Bad_form_input_is_400_with_an_OAuth_error_in_JSON(string form)
    {
        var (status, body) = await PostFormAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error_description").GetString()));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_400()
    {
        using var content = new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json");
        using var response = await fixture.Local.Http.PostAsync(TokenEndpoint, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_good_form_still_gets_a_token()
    {
        var (status, body) = await PostFormAsync($"grant_type=password&username=alice&client_secret={Uri.EscapeDataString(LocalProcess.Password)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(DemoIssuer.Scope, body.GetProperty("scope").GetString());
    }

    [Theory]
    [InlineData("/", "VerifiedPermissions.IsAuthorized")]
    [InlineData("/apikeys", null)]
    [InlineData("/usageplans", null)]
    [InlineData("/trigger/pre-token-generation", null)]
    public async Task An_AWS_stand_in_answers_a_body_that_is_not_JSON_with_a_400(string path, string? target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ServicesUrl + path) { Content = new StringContent("{not json", Encoding.UTF8, "application/x-amz-json-1.0") };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20261207/us-east-1/x/aws4_request, SignedHeaders=host, Signature=00");
        if (target is not null) request.Headers.TryAddWithoutValidation("X-Amz-Target", target);

        using var response = await fixture.Local.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
    }

    /// <summary>Well-formed JSON of the wrong shape, to each AWS stand-in and the Cognito guard.</summary>
    public static TheoryData<string, string, string?, string, string?> WrongShapes => new(
    [
        ("POST", "/apikeys", null, """{"name":5}""", null),
        ("POST", "/apikeys", null, """{"name":"a","enabled":"yes"}""", null),
        ("POST", "/apikeys", null, """{"name":"a","value":[1]}""", null),
        ("PATCH", "/apikeys/key0002", null, """{"patchOperations":5}""", null),
        ("PATCH", "/apikeys/key0002", null, "[5]", null),
        ("POST", "/usageplans/plan-interactive/keys", null, """{"keyId":5}""", null),
        ("POST", "/", "VerifiedPermissions.IsAuthorized", """{"policyStoreId":5}""", null),
        ("POST", "/", "VerifiedPermissions.IsAuthorized", """{"policyStoreId":"local-policy-store"}""", null),
        ("POST", "/", "VerifiedPermissions.IsAuthorized", """{"policyStoreId":"local-policy-store","entities":{"entityList":5}}""", null),
        ("POST", "/trigger/pre-token-generation", null, "{}", null),
        ("POST", "/cognito/", "AWSCognitoIdentityProviderService.InitiateAuth", "x", null),
        ("POST", "/cognito/", "AWSCognitoIdentityProviderService.InitiateAuth", "[1]", null),
        ("POST", "/cognito/", "AWSCognitoIdentityProviderService.RespondToAuthChallenge", """{"Session":5,"ChallengeResponses":[]}""", null),
        ("POST", "/cognito/", "AWSCognitoIdentityProviderService.InitiateAuth", """{"AuthFlow":"USER_PASSWORD_AUTH"}""", "bogus;;=="),
    ]);

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task A_stand_in_answers_JSON_of_the_wrong_shape_with_a_4xx_and_a_JSON_error(string method, string path, string? target, string body, string? contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), ServicesUrl + path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20261207/us-east-1/x/aws4_request, SignedHeaders=host, Signature=00");
        if (target is not null) request.Headers.TryAddWithoutValidation("X-Amz-Target", target);

        using var response = await fixture.Local.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {text}");
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(text).RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_chunked_body_is_read_by_the_API_key_stand_in()
    {
        const string Json = """{"name":"chunked-key"}""";
        var raw = await RawHttp.SendAsync(int.Parse(ServicesUrl[(ServicesUrl.LastIndexOf(':') + 1)..]), "POST /apikeys HTTP/1.1",
            "Authorization: AWS4-HMAC-SHA256 Credential=local/20261207/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=00\r\nContent-Type: application/json\r\n",
            Encoding.ASCII.GetBytes($"{Json.Length:X}\r\n{Json}\r\n0\r\n\r\n"), "Transfer-Encoding: chunked\r\n");

        Assert.Equal(201, raw.Status);
        Assert.Equal("chunked-key", raw.Body.GetProperty("name").GetString());
    }
}
