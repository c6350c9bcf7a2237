using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using PetStore.Aws;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;
using PetStore.Lambdas.Users;

namespace PetStore.Lambdas.Tests.Users;

/// <summary>The exact JSON 1.1 requests the thin Cognito client sends, as Cognito's API reference defines them.</summary>
public class CognitoClientWireTests
{
    private static readonly Uri Endpoint = new("https://cognito-idp.eu-west-1.amazonaws.com/");

    private static (CognitoClient Client, CapturingHandler Public, CapturingHandler Signed) Create(
        Func<HttpRequestMessage, HttpResponseMessage>? respond = null)
    {
        var publicHandler = new CapturingHandler(respond);
        var signedHandler = new CapturingHandler(respond);
        var signedHttp = new HttpClient(new Amazon.Runtime.Signing.SigV4SigningHandler(
            new SessionAWSCredentials("AKIDEXAMPLE", "secret", "session-token"),
            Amazon.RegionEndpoint.EUWest1, CognitoClient.SigningService, signedHandler));
        var client = new CognitoClient(
            new AwsJsonClient(new HttpClient(publicHandler), Endpoint, CognitoClient.TargetPrefix, CognitoClient.JsonVersion),
            new Lazy<AwsJsonClient>(() => new AwsJsonClient(signedHttp, Endpoint, CognitoClient.TargetPrefix, CognitoClient.JsonVersion)),
            "eu-west-1_Pool", "client123");
        return (client, publicHandler, signedHandler);
    }

    [Fact]
    public async Task SignUp_is_an_unsigned_POST_with_the_target_header_and_AWS_field_names()
    {
        var (client, publicHandler, signed) = Create(_ => CapturingHandler.Json(HttpStatusCode.OK, """{"UserConfirmed":false,"UserSub":"abc"}"""));

        var outcome = await client.SignUpAsync("alice", "Correct-Horse-9", "alice@example.com");

        Assert.Equal(new SignUpOutcome(false, "abc"), outcome);
        var request = Assert.Single(publicHandler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(Endpoint, request.Uri);
        Assert.Equal("AWSCognitoIdentityProviderService.SignUp", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(
            """{"ClientId":"client123","Username":"alice","Password":"Correct-Horse-9","UserAttributes":[{"Name":"email","Value":"alice@example.com"}]}""",
            request.Body);
        Assert.Empty(signed.Requests);
    }

    [Fact]
    public async Task InitiateAuth_asks_for_USER_PASSWORD_AUTH_and_reads_the_tokens()
    {
        var (client, publicHandler, _) = Create(_ => CapturingHandler.Json(HttpStatusCode.OK,
            """{"AuthenticationResult":{"AccessToken":"a","IdToken":"i","RefreshToken":"r","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}"""));

        var outcome = await client.InitiatePasswordAuthAsync("alice", "pw");

        Assert.Equal(new Tokens("a", "i", "r", 3600), outcome.Tokens);
        var request = Assert.Single(publicHandler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.InitiateAuth", request.Headers["X-Amz-Target"]);
        Assert.Equal("""{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client123","AuthParameters":{"USERNAME":"alice","PASSWORD":"pw"}}""", request.Body);
    }

    [Fact]
    public async Task A_challenge_instead_of_tokens_is_reported_by_name()
    {
        var (client, _, _) = Create(_ => CapturingHandler.Json(HttpStatusCode.OK, """{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s"}"""));
        var outcome = await client.InitiatePasswordAuthAsync("alice", "pw");
        Assert.Null(outcome.Tokens);
        Assert.Equal("NEW_PASSWORD_REQUIRED", outcome.ChallengeName);
    }

    [Fact]
    public async Task A_TOTP_challenge_comes_with_its_session_and_is_answered_with_RespondToAuthChallenge()
    {
        var (client, publicHandler, signed) = Create(request => request.Headers.GetValues("X-Amz-Target").Single().EndsWith(".InitiateAuth")
            ? CapturingHandler.Json(HttpStatusCode.OK, """{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"s1","ChallengeParameters":{}}""")
            : CapturingHandler.Json(HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"a","IdToken":"i","RefreshToken":"r","ExpiresIn":3600}}"""));

        var challenge = await client.InitiatePasswordAuthAsync("alice", "pw");
        var outcome = await client.RespondToSoftwareTokenMfaAsync("alice", challenge.Session!, "123456");

        Assert.Equal(new SignInOutcome(null, "SOFTWARE_TOKEN_MFA", "s1"), challenge);
        Assert.Equal(new Tokens("a", "i", "r", 3600), outcome.Tokens);
        var answer = publicHandler.Requests[1];
        Assert.Equal("AWSCognitoIdentityProviderService.RespondToAuthChallenge", answer.Headers["X-Amz-Target"]);
        Assert.Equal(
            """{"ChallengeName":"SOFTWARE_TOKEN_MFA","ClientId":"client123","Session":"s1","ChallengeResponses":{"USERNAME":"alice","SOFTWARE_TOKEN_MFA_CODE":"123456"}}""",
            answer.Body);
        Assert.False(answer.Headers.ContainsKey("Authorization"));
        Assert.Empty(signed.Requests);
    }

    [Fact]
    public async Task MFA_setup_associates_a_secret_verifies_the_first_code_and_answers_MFA_SETUP_each_in_the_session_before()
    {
        var (client, publicHandler, _) = Create(request => request.Headers.GetValues("X-Amz-Target").Single().Split('.')[1] switch
        {
            "AssociateSoftwareToken" => CapturingHandler.Json(HttpStatusCode.OK, """{"SecretCode":"SECRET","Session":"s2"}"""),
            "VerifySoftwareToken" => CapturingHandler.Json(HttpStatusCode.OK, """{"Status":"SUCCESS","Session":"s3"}"""),
            _ => CapturingHandler.Json(HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"a","IdToken":"i","RefreshToken":"r"}}"""),
        });

        var secret = await client.AssociateSoftwareTokenAsync("s1");
        var outcome = await client.CompleteMfaSetupAsync("alice", secret.Session, "654321");

        Assert.Equal(new SoftwareTokenSecret("SECRET", "s2"), secret);
        Assert.Equal("a", outcome.Tokens!.AccessToken);
        Assert.Equal(
            [
                ("AWSCognitoIdentityProviderService.AssociateSoftwareToken", """{"Session":"s1"}"""),
                ("AWSCognitoIdentityProviderService.VerifySoftwareToken", """{"Session":"s2","UserCode":"654321"}"""),
                ("AWSCognitoIdentityProviderService.RespondToAuthChallenge",
                    """{"ChallengeName":"MFA_SETUP","ClientId":"client123","Session":"s3","ChallengeResponses":{"USERNAME":"alice"}}"""),
            ],
            publicHandler.Requests.Select(r => (r.Headers["X-Amz-Target"], r.Body)));
    }

    [Fact]
    public async Task A_code_that_does_not_verify_the_authenticator_stops_before_answering_the_challenge()
    {
        var (client, publicHandler, _) = Create(_ => CapturingHandler.Json(HttpStatusCode.OK, """{"Status":"ERROR"}"""));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.CompleteMfaSetupAsync("alice", "s2", "000000"));

        Assert.Equal("EnableSoftwareTokenMFAException", error.ErrorType);
        Assert.Single(publicHandler.Requests);
    }

    [Fact]
    public async Task Admin_operations_are_SigV4_signed_for_cognito_idp_with_the_session_token()
    {
        var (client, publicHandler, signed) = Create();

        await client.AdminAddUserToGroupAsync("alice", "customers");

        Assert.Empty(publicHandler.Requests);
        var request = Assert.Single(signed.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.AdminAddUserToGroup", request.Headers["X-Amz-Target"]);
        Assert.Equal("""{"UserPoolId":"eu-west-1_Pool","Username":"alice","GroupName":"customers"}""", request.Body);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Headers["Authorization"]);
        Assert.Contains("/eu-west-1/cognito-idp/aws4_request", request.Headers["Authorization"]);
        Assert.Contains("x-amz-target", request.Headers["Authorization"]);
        Assert.Equal("session-token", request.Headers["X-Amz-Security-Token"]);
        Assert.True(request.Headers.ContainsKey("X-Amz-Date"));
    }

    [Theory]
    [InlineData("""{"__type":"UsernameExistsException","message":"User already exists"}""", "UsernameExistsException", "User already exists")]
    [InlineData("""{"__type":"com.amazonaws.cognito#NotAuthorizedException","Message":"Incorrect username or password."}""", "NotAuthorizedException", "Incorrect username or password.")]
    [InlineData("""<html>bad gateway</html>""", "Http400", "Bad Request")]
    public async Task Service_errors_are_read_from_the_JSON_error_shape(string body, string type, string message)
    {
        var (client, _, _) = Create(_ => CapturingHandler.Json(HttpStatusCode.BadRequest, body));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.SignUpAsync("alice", "pw", "a@example.com"));

        Assert.Equal(type, error.ErrorType);
        Assert.Equal(message, error.ServiceMessage);
    }

    [Fact]
    public async Task The_error_type_header_is_used_when_the_body_has_none()
    {
        var (client, _, _) = Create(_ =>
        {
            var response = CapturingHandler.Json(HttpStatusCode.BadRequest, "{}");
            response.Headers.Add("x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/");
            return response;
        });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.InitiatePasswordAuthAsync("alice", "pw"));

        Assert.Equal("TooManyRequestsException", error.ErrorType);
        Assert.True(error.IsThrottling);
    }

    [Fact]
    public async Task An_empty_success_body_is_read_as_an_empty_object()
    {
        var (client, _, _) = Create(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });
        await client.AdminConfirmSignUpAsync("alice");
    }

    [Fact]
    public void Request_bodies_never_carry_nulls()
    {
        var json = JsonSerializer.Serialize(new InitiateAuthResponse(null, null, null), CognitoJson.Default.InitiateAuthResponse);
        Assert.Equal("{}", json);
    }
}
