using System.Net.Http.Headers;
using System.Text.Json;
using PetStore.Contract;
using PetStore.Aws;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Work a cold start's first request would otherwise do on its own critical path, started on a background thread
/// while the runtime finishes initializing: the JSON shapes of the event, the Verified Permissions request and the
/// answer, and the SigV4 signing code (on a request that is never sent). Best effort: anything that fails here is
/// simply done again, for real, by the first request. See docs/PERFORMANCE.md for what it saves, and where (it needs
/// a second core to overlap fully).
/// </summary>
internal static class ColdStartWarmup
{
    public static Task Start(AwsCredentials credentials, string region) => Task.Run(() =>
    {
        try
        {
            var request = AuthorizationRequests.Build("warmup",
                new VerifiedIdentity(new TrustedIssuer
                {
                    Name = "w", Kind = IssuerKind.Cognito, Issuer = $"https://cognito-idp.{region}.amazonaws.com/{region}_w", UserPoolId = $"{region}_w",
                    ClientIds = ["w"], RequiredScope = ApiScope.FullName, GroupsClaim = ["cognito:groups"], Groups = Groups.All,
                }, "w", "w", [Groups.Customers]),
                RouteTable.All.First(r => r.Access == Access.Policy), RouteTable.All.First(r => r.Access == Access.Policy).Methods[0], (IReadOnlyDictionary<string, string>?)null);
            var body = JsonSerializer.SerializeToUtf8Bytes(request, AvpJson.Default.IsAuthorizedRequest);
            JsonSerializer.Deserialize("""{"decision":"DENY","determiningPolicies":[],"errors":[]}""", AvpJson.Default.IsAuthorizedResponse);
            JsonSerializer.Deserialize("""{"type":"REQUEST","methodArn":"a/b/c","headers":{"h":"v"},"requestContext":{"requestId":"w"}}""", AuthorizerJson.Default.AuthorizerEvent);
            JsonSerializer.SerializeToUtf8Bytes(
                new AuthorizerResponse("w", new PolicyDocument("2012-10-17", [new PolicyStatement("execute-api:Invoke", "Deny", "a")]), new Dictionary<string, string>()),
                AuthorizerJson.Default.AuthorizerResponse);

            using var message = new HttpRequestMessage(HttpMethod.Post, "https://warmup.invalid/") { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{VerifiedPermissionsClient.JsonVersion}");
            message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{VerifiedPermissionsClient.TargetPrefix}.IsAuthorized");
            SigV4.Sign(message, body, credentials.Current(), region, VerifiedPermissionsClient.SigningService, DateTimeOffset.UtcNow);
        }
        catch (Exception)
        {
            // Best effort by design; the first request does the same work and reports any failure properly.
        }
    });
}
