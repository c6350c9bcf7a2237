using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Tests.Compliance;

/// <summary>Every rule catches a resource that breaks it and passes one that meets it.</summary>
public class CompliancePackTests
{
    private static readonly App App = new();
    private static int _stacks;

    public static TheoryData<string> Rules => [.. CompliancePack.Rules.Select(r => r.Id)];

    /// <summary>A stack holding the resources of a JSON template fragment.</summary>
    internal static Stack StackOf(string resourcesJson)
    {
        var stack = new Stack(App, $"Case{Interlocked.Increment(ref _stacks)}");
        foreach (var (id, resource) in JsonNode.Parse(resourcesJson)!.AsObject())
        {
            _ = new CfnResource(stack, id, new CfnResourceProps
            {
                Type = resource!["Type"]!.GetValue<string>(),
                Properties = ToPlain(resource["Properties"]) as IDictionary<string, object>,
            });
        }
        return stack;
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)!),
        JsonArray a => a.Select(ToPlain).ToArray(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v => v.GetValue<double>(),
        _ => null,
    };

    private static IReadOnlyList<Finding> Check(string resourcesJson) => new ComplianceChecker().Check(StackOf(resourcesJson));

    [Fact]
    public void Our_rules_are_named_as_ours_say_what_cdk_nag_lacks_and_each_has_a_test_case()
    {
        Assert.All(CompliancePack.Rules, r =>
        {
            Assert.StartsWith("PetStore-", r.Id);
            Assert.False(NagRuleIds.IsCdkNag(r.Id));
            Assert.Contains("cdk-nag", r.Reference);
        });
        Assert.Equal(CompliancePack.Rules.Count, CompliancePack.Rules.Select(r => r.Id).Distinct().Count());
        Assert.Empty(CompliancePack.Rules.Select(r => r.Id).Except(RuleCases.All.Keys));
        Assert.Empty(RuleCases.All.Keys.Except(CompliancePack.Rules.Select(r => r.Id)));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_violating_resource_is_caught(string ruleId)
    {
        var findings = Check(RuleCases.All[ruleId].Violating);
        var finding = Assert.Single(findings, f => f.RuleId == ruleId);
        Assert.Equal(FindingStatus.Failed, finding.Status);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_compliant_resource_passes(string ruleId)
    {
        Assert.DoesNotContain(Check(RuleCases.All[ruleId].Compliant), f => f.RuleId == ruleId);
    }

    /// <summary>Methods that cdk-nag's APIG4 and COG4 would pass (they have some authorizer) but the route table says otherwise.</summary>
    [Theory]
    [InlineData("GET", "NONE", null, true, "Signed-in route without an authorizer")]
    [InlineData("GET", "COGNITO_USER_POOLS", "[\"petstore/api\"]", true, "Signed-in route behind the Cognito authorizer, which cannot return a tenant's key")]
    [InlineData("GET", "CUSTOM", null, false, "Signed-in route that meters no key: usage plans would not apply")]
    [InlineData("POST", "COGNITO_USER_POOLS", "[\"petstore/api\"]", true, "Policy route that would skip the Cedar decision")]
    [InlineData("POST", "CUSTOM", null, false, "Policy route that meters no key")]
    [InlineData("DELETE", "CUSTOM", null, true, "Method that is not a route of the route table")]
    public void A_method_authorized_otherwise_than_its_route_says_is_caught(string verb, string type, string? scopes, bool keyRequired, string why)
    {
        var method = """
            {"Pets": {"Type": "AWS::ApiGateway::Resource", "Properties": {"RestApiId": "a", "PathPart": "pets", "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}}},
             "Policy": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {"RestApiId": "a", "Name": "p", "Type": "REQUEST"}},
             "Method": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "%VERB%", "ResourceId": {"Ref": "Pets"},
               "AuthorizationType": "%TYPE%", "AuthorizerId": {"Ref": "Policy"}, "ApiKeyRequired": %KEY%%SCOPES%}}}
            """.Replace("%VERB%", verb).Replace("%TYPE%", type).Replace("%KEY%", keyRequired ? "true" : "false").Replace("%SCOPES%", scopes is null ? "" : $", \"AuthorizationScopes\": {scopes}");
        var finding = Assert.Single(Check(method), f => f.RuleId == CompliancePack.RouteAuthorization);
        Assert.Equal(FindingStatus.Failed, finding.Status);
        Assert.False(string.IsNullOrWhiteSpace(why));
    }
}
