using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using PetStore.Testing;

namespace PetStore.Local.Tests;

/// <summary>The session rules the guard keeps in front of cognito-local, on a manual clock.</summary>
public class CognitoSessionGuardTests
{
    private readonly ManualClock _clock = new();
    private readonly List<string> _forwarded = [];
    private readonly CognitoSessionGuard _guard;

    public CognitoSessionGuardTests() => _guard = new CognitoSessionGuard(new HttpClient(new Upstream(_forwarded)), new Uri("http://cognito.invalid/"), _clock);

    /// <summary>
    /// cognito-local as the guard sees it, slowly (so answers overlap): a password step that hands out session "s1", a
    /// challenge answer that succeeds, or fails with CodeMismatchException for the code 000000.
    /// </summary>
    private sealed class Upstream(List<string> forwarded) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.GetValues("X-Amz-Target").Single();
            var sent = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (forwarded) forwarded.Add(target);
            await Task.Delay(50, cancellationToken);
            var (status, body) = target.EndsWith("InitiateAuth")
                ? (HttpStatusCode.OK, """{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"s1","ChallengeParameters":{}}""")
                : sent.Contains("000000")
                    ? (HttpStatusCode.BadRequest, """{"__type":"CodeMismatchException","message":"Invalid code received for user"}""")
                    : (HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"a","IdToken":"i","RefreshToken":"r"},"ChallengeParameters":{}}""");
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        }
    }

    private async Task<(int Status, string Body)> CallAsync(string operation, string json)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Headers["X-Amz-Target"] = $"AWSCognitoIdentityProviderService.{operation}";
        context.Request.ContentType = "application/x-amz-json-1.1";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var response = new MemoryStream();
        context.Response.Body = response;
        await _guard.HandleAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(response.ToArray()));
    }

    private Task<(int Status, string Body)> PasswordStepAsync() =>
        CallAsync("InitiateAuth", """{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"c","AuthParameters":{"USERNAME":"Olivia","PASSWORD":"p"}}""");

    private Task<(int Status, string Body)> AnswerAsync(string username = "olivia", string client = "c", string code = "123456") =>
        CallAsync("RespondToAuthChallenge", $$$"""{"ChallengeName":"SOFTWARE_TOKEN_MFA","ClientId":"{{{client}}}","Session":"s1","ChallengeResponses":{"USERNAME":"{{{username}}}","SOFTWARE_TOKEN_MFA_CODE":"{{{code}}}"}}""");

    private int ForwardedAnswers
    {
        get
        {
            lock (_forwarded) return _forwarded.Count(t => t.EndsWith("RespondToAuthChallenge"));
        }
    }

    [Fact]
    public async Task Answers_sent_at_once_spend_a_session_once()
    {
        await PasswordStepAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => AnswerAsync()));

        Assert.Equal(1, statuses.Count(s => s.Status == 200));
        Assert.Equal(1, ForwardedAnswers);
    }

    [Fact]
    public async Task Wrong_codes_sent_at_once_end_the_session_after_three()
    {
        await PasswordStepAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AnswerAsync(code: "000000")));

        Assert.Equal(CognitoSessionGuard.MaxWrongCodes, ForwardedAnswers);
        Assert.Equal(400, (await AnswerAsync()).Status);
    }

    [Fact]
    public async Task A_session_is_accepted_within_three_minutes_and_refused_after()
    {
        await PasswordStepAsync();
        _clock.Advance(CognitoSessionGuard.Lifetime + TimeSpan.FromSeconds(1));

        var (status, body) = await AnswerAsync();

        Assert.Equal(400, status);
        Assert.Contains("NotAuthorizedException", body);
        Assert.Contains("expired", body);
        Assert.DoesNotContain(_forwarded, t => t.EndsWith("RespondToAuthChallenge"));
    }

    [Fact]
    public async Task A_session_answers_for_its_user_whatever_the_case_and_its_client_only()
    {
        await PasswordStepAsync();
        _clock.Advance(CognitoSessionGuard.Lifetime - TimeSpan.FromSeconds(1));

        Assert.Equal(400, (await AnswerAsync(client: "other")).Status);
        Assert.Equal(400, (await AnswerAsync(username: "oliver")).Status);
        Assert.Equal(200, (await AnswerAsync(username: "OLIVIA")).Status);
        Assert.Equal(400, (await AnswerAsync()).Status);
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_refused_not_a_crash()
    {
        Assert.Equal(400, (await CallAsync("RespondToAuthChallenge", "[1,2]")).Status);
        Assert.Equal(400, (await CallAsync("RespondToAuthChallenge", """{"Session":5,"ChallengeResponses":[]}""")).Status);
    }
}
