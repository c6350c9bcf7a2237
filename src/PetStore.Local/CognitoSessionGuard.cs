using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PetStore.Local;

/// <summary>
/// Cognito's rules for sign-in sessions, which cognito-local does not keep (it answers a challenge for any session
/// string, any number of times). In front of cognito-local for the users function: a challenge's session is bound to
/// the user and app client whose password step created it, lives <see cref="Lifetime"/>, is spent by the answer that
/// completes it, and ends after <see cref="MaxWrongCodes"/> wrong codes. Anything else is passed through unchanged.
/// </summary>
public sealed class CognitoSessionGuard(HttpClient http, Uri cognitoLocal, TimeProvider clock)
{
    /// <summary>Where local mode serves it, on the stand-ins' port.</summary>
    public const string PathPrefix = "/cognito";

    /// <summary>An app client's default authentication session validity.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    public const int MaxWrongCodes = 3;
    private const string Target = "AWSCognitoIdentityProviderService.";

    private sealed class SignInSession(string username, string clientId, DateTimeOffset expires)
    {
        public string Username { get; } = username;
        public string ClientId { get; } = clientId;
        public DateTimeOffset Expires { get; } = expires;
        public int WrongCodes;

        /// <summary>One answer at a time: each is judged against the session as the answers before it left it.</summary>
        public SemaphoreSlim Turn { get; } = new(1, 1);
    }

    private readonly ConcurrentDictionary<string, SignInSession> _sessions = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var operation = request.Headers["X-Amz-Target"].ToString() is { } target && target.StartsWith(Target, StringComparison.Ordinal)
            ? target[Target.Length..] : "";
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        // Cognito's operations take a JSON object; anything else never reaches cognito-local (which answers it with a stack trace).
        if (TryParse(body) is not JsonObject json)
        {
            await WriteAsync(context.Response, 400, """{"__type":"SerializationException","message":"The request body must be a JSON object."}""");
            return;
        }

        // The deployed app client may write email only (its WriteAttributes); cognito-local keeps the list but never checks it.
        if (operation is "SignUp" or "UpdateUserAttributes" &&
            Member(json, "UserAttributes") is JsonArray attributes && attributes.Select(a => Text(Member(a, "Name"))).FirstOrDefault(n => n != "email") is { } unwritable)
        {
            await WriteAsync(context.Response, 400, $$"""{"__type":"NotAuthorizedException","message":"A client attempted to write unauthorized attribute: {{unwritable}}"}""");
            return;
        }

        string? session = Text(Member(json, "Session"));
        if (operation == "RespondToAuthChallenge" || (operation is "AssociateSoftwareToken" or "VerifySoftwareToken" && session is not null))
        {
            // Answers to one session wait their turn, so none is judged against a state another is about to change.
            SemaphoreSlim? turn = session is not null && _sessions.TryGetValue(session, out var known) ? known.Turn : null;
            if (turn is not null) await turn.WaitAsync(context.RequestAborted);
            try
            {
                var username = Text(Member(Member(json, "ChallengeResponses"), "USERNAME"));
                if (Refusal(operation, session, Text(Member(json, "ClientId")), username) is { } refusal)
                {
                    await WriteAsync(context.Response, 400, $$"""{"__type":"NotAuthorizedException","message":"{{refusal}}"}""");
                    return;
                }
                await ForwardAsync(context, operation, body, json, session);
            }
            finally
            {
                turn?.Release();
            }
            return;
        }
        await ForwardAsync(context, operation, body, json, session);
    }

    private async Task ForwardAsync(HttpContext context, string operation, string body, JsonObject json, string? session)
    {
        var request = context.Request;
        using var forwarded = new HttpRequestMessage(HttpMethod.Post, cognitoLocal) { Content = new StringContent(body, Encoding.UTF8) };
        forwarded.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        forwarded.Headers.TryAddWithoutValidation("X-Amz-Target", request.Headers["X-Amz-Target"].ToString());
        if (request.Headers.Authorization.Count > 0) forwarded.Headers.TryAddWithoutValidation("Authorization", request.Headers.Authorization.ToString());
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(forwarded, context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            // cognito-local is down (local mode restarts it): Cognito's own answer when it cannot serve.
            await WriteAsync(context.Response, 503, """{"__type":"ServiceUnavailableException","message":"The Cognito stand-in is not answering; retry."}""");
            return;
        }
        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync();
            var parsed = TryParse(answer);
            Observe(operation, json, session, (int)response.StatusCode, parsed);
            await WriteAsync(context.Response, (int)response.StatusCode, parsed is JsonObject || answer.Length == 0 ? answer
                : $$"""{"__type":"InternalErrorException","message":"cognito-local answered {{(int)response.StatusCode}} without JSON."}""");
        }
    }

    /// <summary>Why Cognito would refuse this use of <paramref name="session"/>, or null.</summary>
    private string? Refusal(string operation, string? session, string? clientId, string? username)
    {
        if (session is null || !_sessions.TryGetValue(session, out var known)) return "Invalid session for the user.";
        if (known.Expires <= clock.GetUtcNow())
        {
            _sessions.TryRemove(session, out _);
            return "Invalid session for the user, session is expired.";
        }
        if (operation == "RespondToAuthChallenge" &&
            (clientId != known.ClientId || username is null || !string.Equals(username, known.Username, StringComparison.OrdinalIgnoreCase)))
            return "Invalid session for the user.";
        return null;
    }

    /// <summary>Records the sessions a password step or a challenge answer hands out, and spends or counts the ones used.</summary>
    private void Observe(string operation, JsonNode? request, string? session, int status, JsonNode? answer)
    {
        var issued = Text(Member(answer, "Session"));
        switch (operation)
        {
            case "InitiateAuth" or "AdminInitiateAuth" when status == 200 && issued is not null:
                Keep(issued, Text(Member(Member(request, "AuthParameters"), "USERNAME")), Text(Member(request, "ClientId")));
                break;
            case "RespondToAuthChallenge" when session is not null && _sessions.TryGetValue(session, out var used):
                if (status == 200)
                {
                    _sessions.TryRemove(session, out _);
                    if (issued is not null) Keep(issued, used.Username, used.ClientId);
                }
                else if (Text(Member(answer, "__type"))?.EndsWith("CodeMismatchException", StringComparison.Ordinal) == true &&
                         Interlocked.Increment(ref used.WrongCodes) >= MaxWrongCodes)
                {
                    _sessions.TryRemove(session, out _);
                }
                break;
            case "AssociateSoftwareToken" or "VerifySoftwareToken" when session is not null && issued is not null && _sessions.TryRemove(session, out var setup):
                Keep(issued, setup.Username, setup.ClientId);
                break;
        }
    }

    private void Keep(string session, string? username, string? clientId)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, old) in _sessions)
            if (old.Expires <= now) _sessions.TryRemove(key, out _);
        if (username is not null && clientId is not null) _sessions[session] = new SignInSession(username, clientId, now + Lifetime);
    }

    private static JsonNode? Member(JsonNode? node, string name) => node is JsonObject o && o.TryGetPropertyValue(name, out var v) ? v : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/x-amz-json-1.1";
        await response.WriteAsync(body);
    }
}
