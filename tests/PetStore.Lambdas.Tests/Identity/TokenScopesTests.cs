using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Lambdas.Identity;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Identity;

public class TokenScopesTests
{
    private const string V2Event = """
        {
          "version": "2", "triggerSource": "TokenGeneration_Authentication", "region": "eu-west-1",
          "userPoolId": "eu-west-1_Pool", "userName": "alice",
          "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "client123"},
          "request": {"userAttributes": {"sub": "abc"}, "groupConfiguration": {"groupsToOverride": ["customers"]}, "scopes": ["aws.cognito.signin.user.admin"]},
          "response": {"claimsAndScopeOverrideDetails": null}
        }
        """;

    [Fact]
    public async Task The_trigger_adds_the_API_scope_to_access_tokens_and_echoes_the_event()
    {
        var output = await new TokenScopesFunction().HandleAsync(ProxyRequests.ToStream(V2Event));
        var result = (await JsonNode.ParseAsync(output))!;

        Assert.Equal("petstore/api",
            result["response"]!["claimsAndScopeOverrideDetails"]!["accessTokenGeneration"]!["scopesToAdd"]![0]!.GetValue<string>());
        Assert.Equal("alice", result["userName"]!.GetValue<string>());
        Assert.Equal("eu-west-1_Pool", result["userPoolId"]!.GetValue<string>());
    }

    [Fact]
    public void A_staff_members_stores_are_copied_into_the_access_token_and_nothing_else_is()
    {
        JsonNode Access(string groups, string attributes) => TokenScopes.AddApiScope(JsonNode.Parse(V2Event
            .Replace("""{"sub": "abc"}""", attributes).Replace("""["customers"]""", groups))!.AsObject())["response"]!["claimsAndScopeOverrideDetails"]!["accessTokenGeneration"]!;
        const string withStores = """{"sub": "abc", "custom:stores": "downtown,uptown", "email": "a@b.c"}""";

        Assert.Equal("""{"custom:stores":"downtown,uptown"}""", Access("""["employees"]""", withStores)["claimsToAddOrOverride"]!.ToJsonString());
        Assert.Equal("""{"custom:stores":"downtown,uptown"}""", Access("""["customers","owners"]""", withStores)["claimsToAddOrOverride"]!.ToJsonString());
        // A customer's attribute, set by mistake or by a client allowed to write it, grants nothing.
        Assert.Null(Access("""["customers"]""", withStores)["claimsToAddOrOverride"]);
        Assert.Null(Access("""["employees"]""", """{"sub": "abc"}""")["claimsToAddOrOverride"]);
    }

    [Fact]
    public void A_version_1_event_is_a_configuration_error()
    {
        var v1 = JsonNode.Parse(V2Event.Replace("\"version\": \"2\"", "\"version\": \"1\""))!.AsObject();
        var error = Assert.Throws<InvalidOperationException>(() => TokenScopes.AddApiScope(v1));
        Assert.Contains("V2_0", error.Message);
    }

    [Fact]
    public async Task Output_is_JSON()
    {
        var output = await new TokenScopesFunction().HandleAsync(ProxyRequests.ToStream(V2Event));
        Assert.Equal(JsonValueKind.Object, (await JsonDocument.ParseAsync(output)).RootElement.ValueKind);
    }
}
