using System.Net;
using Amazon.Runtime;
using PetStore.Lambdas.Authorizer;
using PetStore.Aws;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Authorizer;

/// <summary>The exact IsAuthorized request the thin AVP client sends (JSON 1.0, as the Verified Permissions API reference defines it).</summary>
public class VerifiedPermissionsWireTests
{
    private static readonly Uri Endpoint = new("https://verifiedpermissions.eu-west-1.amazonaws.com/");

    private static (VerifiedPermissionsClient Client, CapturingHandler Handler) Create(Func<HttpRequestMessage, HttpResponseMessage>? respond = null)
    {
        var handler = new CapturingHandler(respond ?? (_ => CapturingHandler.Json(HttpStatusCode.OK,
            """{"decision":"ALLOW","determiningPolicies":[{"policyId":"SPabc"}],"errors":[]}""")));
        var signed = new HttpClient(new Amazon.Runtime.Signing.SigV4SigningHandler(
            new SessionAWSCredentials("AKIDEXAMPLE", "secret", "token"), Amazon.RegionEndpoint.EUWest1,
            VerifiedPermissionsClient.SigningService, handler));
        return (new VerifiedPermissionsClient(new AwsJsonClient(signed, Endpoint, VerifiedPermissionsClient.TargetPrefix, VerifiedPermissionsClient.JsonVersion)), handler);
    }

    private static IsAuthorizedRequest Request() => new(
        "ps-123",
        new EntityIdentifier("PetStore::User", "eu-west-1_P|sub"),
        new ActionIdentifier("PetStore::Action", "get /pets/{petId}"),
        new EntityIdentifier("PetStore::Application", "PetStore"),
        new ContextDefinition(new Dictionary<string, AttributeValue>
        {
            ["pathParameters"] = AttributeValue.Of(new Dictionary<string, AttributeValue> { ["petId"] = AttributeValue.Of("p1") }),
        }),
        new EntitiesDefinition(
        [
            new EntityItem(new EntityIdentifier("PetStore::User", "eu-west-1_P|sub"),
                new Dictionary<string, AttributeValue> { ["username"] = AttributeValue.Of("alice") },
                [new EntityIdentifier("PetStore::UserGroup", "owners")]),
        ]));

    [Fact]
    public async Task IsAuthorized_is_a_signed_JSON_1_0_POST_with_AVPs_field_names()
    {
        var (client, handler) = Create();

        var response = await client.IsAuthorizedAsync(Request());

        Assert.Equal("ALLOW", response.Decision);
        Assert.Equal("SPabc", response.DeterminingPolicies![0].PolicyId);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(Endpoint, request.Uri);
        Assert.Equal("VerifiedPermissions.IsAuthorized", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", request.Headers["Content-Type"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Headers["Authorization"]);
        Assert.Contains("/eu-west-1/verifiedpermissions/aws4_request", request.Headers["Authorization"]);
        Assert.Equal("token", request.Headers["X-Amz-Security-Token"]);
        // Compact, in this exact field order: what goes on the wire.
        var expected = System.Text.Json.Nodes.JsonNode.Parse("""
            {
              "policyStoreId": "ps-123",
              "principal": {"entityType": "PetStore::User", "entityId": "eu-west-1_P|sub"},
              "action": {"actionType": "PetStore::Action", "actionId": "get /pets/{petId}"},
              "resource": {"entityType": "PetStore::Application", "entityId": "PetStore"},
              "context": {"contextMap": {"pathParameters": {"record": {"petId": {"string": "p1"}}}}},
              "entities": {"entityList": [{
                "identifier": {"entityType": "PetStore::User", "entityId": "eu-west-1_P|sub"},
                "attributes": {"username": {"string": "alice"}},
                "parents": [{"entityType": "PetStore::UserGroup", "entityId": "owners"}]
              }]}
            }
            """)!.ToJsonString();
        Assert.Equal(expected, request.Body);
    }

    [Fact]
    public async Task The_SigV4_signature_verifies_with_the_signing_secret_only_and_only_for_the_request_signed()
    {
        var (client, handler) = Create();
        await client.IsAuthorizedAsync(Request());
        var request = Assert.Single(handler.Requests);
        string? Problem(string secret, string body, string region = "eu-west-1") => SigV4Verifier.Problem(request.Method, request.Uri,
            name => request.Headers.GetValueOrDefault(name), System.Text.Encoding.UTF8.GetBytes(body), "AKIDEXAMPLE", secret, region,
            VerifiedPermissionsClient.SigningService, DateTimeOffset.UtcNow);

        Assert.Null(Problem("secret", request.Body));
        Assert.Equal("the signature does not match the request", Problem("another secret", request.Body));
        Assert.Equal("the signature does not match the request", Problem("secret", request.Body.Replace("ps-123", "ps-124")));
        Assert.Contains("not verifiedpermissions in us-east-1", Problem("secret", request.Body, region: "us-east-1"));
    }

    [Fact]
    public async Task A_service_error_is_raised_with_its_type()
    {
        var (client, _) = Create(_ => CapturingHandler.Json(HttpStatusCode.BadRequest,
            """{"__type":"ValidationException","message":"entity type not in schema"}"""));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.IsAuthorizedAsync(Request()));

        Assert.Equal("ValidationException", error.ErrorType);
    }

    [Fact]
    public async Task A_slow_service_times_out_instead_of_hanging()
    {
        var slow = new HttpClient(new SlowHandler()) { Timeout = TimeSpan.FromMilliseconds(50) };
        var client = new VerifiedPermissionsClient(new AwsJsonClient(slow, Endpoint, VerifiedPermissionsClient.TargetPrefix, VerifiedPermissionsClient.JsonVersion));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.IsAuthorizedAsync(Request()));
    }

    private sealed class SlowHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
