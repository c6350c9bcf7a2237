using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using PetStore.Aws;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Aws;

/// <summary>
/// Our SigV4 signer against two independent implementations: AWSSDK.Core's SigV4SigningHandler (the same signature,
/// byte for byte, at the same instant) and the stand-ins' verifier, which checks it the way AWS does.
/// </summary>
public class SigV4Tests
{
    private static readonly byte[] Body = """{"TableName":"Pets","Key":{"id":{"S":"p1"}},"ConsistentRead":true}"""u8.ToArray();

    private static HttpRequestMessage Request(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810.GetItem");
        return request;
    }

    public static TheoryData<string, string?> Cases => new()
    {
        { "https://dynamodb.eu-west-1.amazonaws.com/", "session-token" },
        { "https://dynamodb.eu-west-1.amazonaws.com/", null },
        { "http://127.0.0.1:4567/", "session-token" },
        // Not a call the functions make, but the canonical request must hold for a path and a query too.
        { "https://example.eu-west-1.amazonaws.com/a%20b/c?z=1&a-b=2&a=3&a=1", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_signature_is_the_AWS_SDKs_at_the_same_instant(string url, string? token)
    {
        var sdkWire = new CapturingHandler();
        AWSCredentials sdkCredentials = token is null ? new BasicAWSCredentials("AKIDEXAMPLE", "secret") : new SessionAWSCredentials("AKIDEXAMPLE", "secret", token);
        using (var sdk = new HttpClient(new SigV4SigningHandler(sdkCredentials, Amazon.RegionEndpoint.EUWest1, "dynamodb", sdkWire)))
            await sdk.SendAsync(Request(url), TestContext.Current.CancellationToken);
        var expected = Assert.Single(sdkWire.Requests).Headers;
        var signedAt = DateTimeOffset.ParseExact(expected["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        var ours = Request(url);
        SigV4.Sign(ours, Body, new AwsKeys("AKIDEXAMPLE", "secret", token), "eu-west-1", "dynamodb", signedAt);

        Assert.Equal(expected["Authorization"], ours.Headers.GetValues("Authorization").Single());
        Assert.Equal(expected["X-Amz-Content-SHA256"], ours.Headers.GetValues("X-Amz-Content-SHA256").Single());
        Assert.Equal(token, ours.Headers.TryGetValues("X-Amz-Security-Token", out var tokens) ? tokens.Single() : null);
    }

    [Fact]
    public async Task The_handler_signs_what_goes_on_the_wire_and_AWS_checks_accept_it_but_not_a_changed_body()
    {
        var wire = new CapturingHandler();
        using var client = new HttpClient(new SigV4Handler(AwsCredentials.Of("AKIDEXAMPLE", "secret"), "eu-west-1", "dynamodb", TimeProvider.System, wire));

        await client.SendAsync(Request("http://127.0.0.1:4567/"), TestContext.Current.CancellationToken);

        var sent = Assert.Single(wire.Requests);
        string? Header(string name) => sent.Headers.TryGetValue(name, out var value) ? value : null;
        Assert.Null(SigV4Verifier.Problem("POST", sent.Uri, Header, Encoding.UTF8.GetBytes(sent.Body), "AKIDEXAMPLE", "secret", "eu-west-1", "dynamodb", DateTimeOffset.UtcNow));
        Assert.NotNull(SigV4Verifier.Problem("POST", sent.Uri, Header, "{}"u8.ToArray(), "AKIDEXAMPLE", "secret", "eu-west-1", "dynamodb", DateTimeOffset.UtcNow));
        Assert.NotNull(SigV4Verifier.Problem("POST", sent.Uri, Header, Encoding.UTF8.GetBytes(sent.Body), "AKIDEXAMPLE", "other", "eu-west-1", "dynamodb", DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Each_request_is_signed_with_the_keys_current_then()
    {
        var wire = new CapturingHandler();
        var generation = 0;
        var credentials = new AwsCredentials(() => new AwsKeys($"AKID{++generation}", "secret"));
        using var client = new HttpClient(new SigV4Handler(credentials, "eu-west-1", "dynamodb", TimeProvider.System, wire));

        await client.SendAsync(Request("https://dynamodb.eu-west-1.amazonaws.com/"), TestContext.Current.CancellationToken);
        await client.SendAsync(Request("https://dynamodb.eu-west-1.amazonaws.com/"), TestContext.Current.CancellationToken);

        Assert.Collection(wire.Requests,
            first => Assert.Contains("Credential=AKID1/", first.Headers["Authorization"]),
            second => Assert.Contains("Credential=AKID2/", second.Headers["Authorization"]));
    }

    [Fact]
    public void An_empty_session_token_means_none()
    {
        Assert.Null(AwsCredentials.Of("AKID", "secret", "").Current().SessionToken);
    }
}
