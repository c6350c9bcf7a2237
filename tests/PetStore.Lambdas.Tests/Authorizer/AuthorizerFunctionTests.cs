using PetStore.Contract;
using System.Text.Json;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Authorizer;

/// <summary>The authorizer entry point with an event as API Gateway sends it.</summary>
public class AuthorizerFunctionTests
{
    [Fact]
    public async Task A_REQUEST_event_in_gives_a_policy_document_out()
    {
        var tokens = new TestTokens();
        var avp = new FakeVerifiedPermissions();
        var validator = new AccessTokenValidator([tokens.Pool], new JwksCache(new HttpClient(new JwksServer(tokens)), TimeProvider.System));
        var function = new AuthorizerFunction(new PolicyAuthorizer(validator, avp, "ps-1", TestScopes.All(PolicyScope.Route), new RecordingLog().Log));
        var json = $$"""
            {
              "type": "REQUEST",
              "methodArn": "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/POST/pets",
              "resource": "/pets", "path": "/pets", "httpMethod": "POST",
              "headers": {"Authorization": "Bearer {{tokens.Access(groups: ["owners"])}}", "Host": "abc123.execute-api.eu-west-1.amazonaws.com"},
              "multiValueHeaders": {}, "queryStringParameters": {}, "pathParameters": {}, "stageVariables": {},
              "requestContext": {"requestId": "r-1", "resourcePath": "/pets", "httpMethod": "POST", "stage": "dev"}
            }
            """;

        var output = await function.HandleAsync(ProxyRequests.ToStream(json));
        var response = (await JsonDocument.ParseAsync(output)).RootElement;

        Assert.Equal($"{TestTokens.PoolId}|sub-1", response.GetProperty("principalId").GetString());
        var statement = response.GetProperty("policyDocument").GetProperty("Statement")[0];
        Assert.Equal("2012-10-17", response.GetProperty("policyDocument").GetProperty("Version").GetString());
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("execute-api:Invoke", statement.GetProperty("Action").GetString());
        Assert.Equal("owners", response.GetProperty("context").GetProperty("groups").GetString());
    }
}
