using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using PetStore.Contract;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

/// <summary>The policy store from cedar/, and the Lambda authorizer that asks it.</summary>
public class AuthorizationTests(DevApp dev, PathParameterPolicyApp pathPolicy, VariantApp variant)
{
    private readonly ApiTemplate _api = new(dev, dev.Stacks.Api);

    [Fact]
    public void The_policy_store_validates_strictly_against_the_schema_from_cedar()
    {
        var store = Assert.Single(dev.Resources(dev.Stacks.Authorization, "AWS::VerifiedPermissions::PolicyStore").Values)["Properties"]!;
        Assert.Equal("STRICT", store["ValidationSettings"]!["Mode"]!.GetValue<string>());
        var deployed = JsonNode.Parse(store["Schema"]!["CedarJson"]!.GetValue<string>());
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(dev.Layout.CedarDirectory, "schema", "petstore.cedarschema.json")));
        Assert.True(JsonNode.DeepEquals(file, deployed));
    }

    [Fact]
    public void Each_Cedar_policy_is_one_static_policy_described_by_its_comment_file_and_line()
    {
        var deployed = dev.Resources(dev.Stacks.Authorization, "AWS::VerifiedPermissions::Policy").Values
            .Select(p => p["Properties"]!["Definition"]!["Static"]!)
            .ToList();

        Assert.Equal(dev.Policies.Policies.Count, deployed.Count);
        Assert.True(deployed.Count >= 3);
        foreach (var policy in dev.Policies.Policies)
        {
            var match = Assert.Single(deployed, d => d["Statement"]!.GetValue<string>() == policy.Statement);
            var description = match["Description"]!.GetValue<string>();
            Assert.EndsWith($"({policy.File}:{policy.Line})", description);
            Assert.True(description.Length <= 150);
            Assert.StartsWith("permit", policy.Statement);
        }
    }

    [Fact]
    public void Policy_logical_ids_come_from_the_policies_ids_so_reordering_replaces_nothing()
    {
        var logicalIds = dev.Resources(dev.Stacks.Authorization, "AWS::VerifiedPermissions::Policy").Keys.ToList();
        foreach (var policy in dev.Policies.Policies)
            Assert.Single(logicalIds, id => id.StartsWith("PolicyStorePolicies" + policy.Id.Replace("-", "").Replace("_", "")));
    }

    /// <summary>Each policy route's authorizer as the template declares it, by route.</summary>
    private static Dictionary<Route, (string LogicalId, JsonNode Properties)> PolicyAuthorizers(SynthesizedApp app)
    {
        var api = new ApiTemplate(app, app.Stacks.Api);
        return RouteTable.All.Where(r => r.Access == Access.Policy).ToDictionary(r => r, r =>
        {
            var method = Assert.Single(api.Methods, m => m.HttpMethod == r.Method && m.Path == r.Path);
            return (method.AuthorizerRef!, api.Resource(method.AuthorizerRef!)["Properties"]!);
        });
    }

    private static void AssertAuthorizersFollowThePlans(SynthesizedApp app)
    {
        var plans = app.Policies.Inputs.Plans(app.Config.Authorization.CacheTtlSeconds);
        var authorizers = PolicyAuthorizers(app);
        foreach (var (route, plan) in plans)
        {
            var (_, authorizer) = authorizers[route];
            Assert.Equal("REQUEST", authorizer["Type"]!.GetValue<string>());
            Assert.Equal(string.Join(",", plan.IdentitySources), authorizer["IdentitySource"]!.GetValue<string>());
            Assert.Equal(plan.TtlSeconds, authorizer["AuthorizerResultTtlInSeconds"]!.GetValue<int>());
            Assert.Contains("AuthorizerFunction", authorizer["AuthorizerUri"]!.ToJsonString());
        }
        // One authorizer per plan, every one calling the same function.
        Assert.Equal(plans.Values.Distinct().Count(), authorizers.Values.Select(a => a.LogicalId).Distinct().Count());
        Assert.Single(authorizers.Values.Select(a => a.Properties["AuthorizerUri"]!.ToJsonString()).Distinct());
        foreach (var (a, b) in plans.SelectMany(a => plans.Select(b => (a, b))))
            Assert.Equal(a.Value == b.Value, authorizers[a.Key].LogicalId == authorizers[b.Key].LogicalId);

        var function = app.Resources(app.Stacks.Api, "AWS::Lambda::Function").Single(f => f.Key.StartsWith("AuthorizerFunction")).Value["Properties"]!;
        Assert.Equal(PolicyScopes.ToJson(plans), function["Environment"]!["Variables"]![FunctionVariables.PolicyScopes]!.GetValue<string>());
    }

    [Fact]
    public void Todays_policies_keep_one_authorizer_keyed_by_token_verb_and_route_with_the_configured_cache_and_route_wide_answers()
    {
        AssertAuthorizersFollowThePlans(dev);
        var (id, authorizer) = Assert.Single(PolicyAuthorizers(dev).Values.Distinct());
        Assert.StartsWith("PolicyAuthorizer", id);
        Assert.Equal("method.request.header.Authorization,context.httpMethod,context.resourcePath", authorizer["IdentitySource"]!.GetValue<string>());
        Assert.Equal(dev.Config.Authorization.CacheTtlSeconds, authorizer["AuthorizerResultTtlInSeconds"]!.GetValue<int>());
        Assert.All(PolicyScopes.Parse(PolicyScopes.ToJson(dev.Policies.Inputs.Plans(dev.Config.Authorization.CacheTtlSeconds))).Values, s => Assert.Equal(PolicyScope.Route, s));
    }

    [Fact]
    public void A_policy_on_a_path_parameter_gives_its_route_an_uncached_authorizer_that_answers_for_the_request_only()
    {
        AssertAuthorizersFollowThePlans(pathPolicy);
        var authorizers = PolicyAuthorizers(pathPolicy);
        var admin = authorizers[RouteTable.All.Single(r => r.Path == "/admin/{proxy+}")];
        var pets = authorizers[RouteTable.All.Single(r => r.Path == "/pets/{petId}" && r.Access == Access.Policy)];

        Assert.StartsWith("PolicyAuthorizerUncached", admin.LogicalId);
        Assert.Equal(0, admin.Properties["AuthorizerResultTtlInSeconds"]!.GetValue<int>());
        Assert.Equal("method.request.header.Authorization", admin.Properties["IdentitySource"]!.GetValue<string>());
        Assert.Equal(PolicyAuthorizers(dev).Values.First().Properties.ToJsonString(), pets.Properties.ToJsonString());
        Assert.Contains("\"ANY /admin/{proxy+}\":\"Request\"", PolicyScopes.ToJson(pathPolicy.Policies.Inputs.Plans(120)));
        // Moving a method to another authorizer is a new deployment of the stage, so the change takes effect.
        static string Deployment(SynthesizedApp app) => Assert.Single(app.Resources(app.Stacks.Api, "AWS::ApiGateway::Deployment").Keys);
        Assert.NotEqual(Deployment(dev), Deployment(pathPolicy));
    }

    [Fact]
    public void Every_function_that_decides_is_deployed_with_the_version_of_the_policies_it_decides_with()
    {
        foreach (var app in new SynthesizedApp[] { dev, pathPolicy })
        {
            var versions = app.Resources(app.Stacks.Api, "AWS::Lambda::Function").Values
                .Select(f => f["Properties"]!["Environment"]?["Variables"]?[FunctionVariables.PolicyVersion]?.GetValue<string>()).OfType<string>().ToList();
            Assert.Equal(ApiManifest.Functions.Count(f => f.Variables.Contains(FunctionVariables.PolicyVersion)), versions.Count);
            Assert.All(versions, v => Assert.Equal(app.Policies.Version, v));
        }
        Assert.NotEqual(dev.Policies.Version, pathPolicy.Policies.Version);
    }

    [Fact]
    public void Signed_in_routes_share_one_authorizer_keyed_by_the_token_on_the_same_function()
    {
        var signedIn = _api.Methods.Where(m => RouteTable.All.Single(r => r.Method == m.HttpMethod && r.Path == m.Path).IsAdmittedByToken).ToList();
        var reference = Assert.Single(signedIn.Select(m => m.AuthorizerRef).Distinct());
        var authorizer = _api.Resource(reference!)["Properties"]!;
        var plan = DecisionCacheRule.SignedInPlan(dev.Config.Authorization.SignedInCacheTtlSeconds);
        Assert.Equal("REQUEST", authorizer["Type"]!.GetValue<string>());
        Assert.Equal(string.Join(", ", plan.IdentitySources), authorizer["IdentitySource"]!.GetValue<string>());
        Assert.Equal(plan.TtlSeconds, authorizer["AuthorizerResultTtlInSeconds"]!.GetValue<int>());
        // The same function as the policy routes': it tells the two apart by the route table, and asks Cedar only on policy routes.
        Assert.Equal(PolicyAuthorizers(dev).Values.First().Properties["AuthorizerUri"]!.ToJsonString(), authorizer["AuthorizerUri"]!.ToJsonString());
        Assert.DoesNotContain(PolicyAuthorizers(dev).Values, a => a.LogicalId == reference);
    }

    [Fact]
    public void The_authorizer_may_call_only_IsAuthorized_on_its_policy_store_and_GetItem_on_the_registry()
    {
        var statements = _api.OfType("AWS::IAM::Policy").Where(p => p.Key.StartsWith("AuthorizerFunctionRole"))
            .SelectMany(p => p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()).ToList();
        Assert.All(statements.SelectMany(s => s!["Action"] is JsonArray a ? a.Select(x => x!.GetValue<string>()) : [s["Action"]!.GetValue<string>()]),
            action => Assert.Contains(action, new[] { "verifiedpermissions:IsAuthorized", "dynamodb:GetItem", "logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords" }));

        // Each service: one action, on the one imported resource of the other stack, no wildcard.
        void OnlyOn(string service, string action, string resourceName)
        {
            var statement = Assert.Single(statements, s => s!["Action"]!.ToJsonString().Contains(service))!;
            Assert.Equal(action, statement["Action"]!.GetValue<string>());
            var resource = statement["Resource"]!.ToJsonString();
            Assert.Contains("Fn::ImportValue", resource);
            Assert.Contains(resourceName, resource);
            Assert.DoesNotContain("*", resource);
        }
        OnlyOn("verifiedpermissions", "verifiedpermissions:IsAuthorized", "PolicyStore");
        // The tenant registry: one item by its key, on the table itself (no index, no scan, no write).
        OnlyOn("dynamodb", Assert.Single(TenantRegistry.AuthorizerActions), "TenantsTable");
        Assert.DoesNotContain("index", Assert.Single(statements, s => s!["Action"]!.ToJsonString().Contains("dynamodb"))!["Resource"]!.ToJsonString());
    }

    [Fact]
    public void The_authorizer_trusts_every_configured_pool_and_OIDC_provider_with_its_groups_and_fails_fast()
    {
        var variables = AuthorizerVariables(dev);
        Assert.Equal("1500", variables[FunctionVariables.AvpTimeoutMs]!.GetValue<string>());
        Assert.NotNull(variables[FunctionVariables.PolicyStoreId]);

        // The variant has a pool that accepts tenants and an OIDC provider.
        var issuers = TrustedIssuersOf(variant);
        var config = variant.Config;
        Assert.Equal([.. config.UserPools.Select(p => p.Name), .. config.OidcProviders.Select(p => p.Name)], issuers.Select(p => p!["name"]!.GetValue<string>()));
        foreach (var (pool, deployed) in config.UserPools.Zip(issuers))
        {
            Assert.Equal("Cognito", deployed!["kind"]!.GetValue<string>());
            Assert.Equal(pool.Groups, deployed["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
            Assert.Equal("TOKEN", deployed["userPoolId"]!.GetValue<string>());
            Assert.Equal(["TOKEN"], deployed["clientIds"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal(pool.Tenants is null ? [] : [CognitoClaims.ClientId], deployed["tenantClaim"]!.AsArray().Select(c => c!.GetValue<string>()));
        }
        // An OIDC provider is deployed exactly as its configuration describes it, through the one contract.
        var oidc = issuers.Skip(config.UserPools.Count).Select(i => i!.ToJsonString());
        Assert.Equal(config.OidcProviders.Select(p => JsonNode.Parse(TrustedIssuers.ToJson([p.ToTrustedIssuer()]))![0]!.ToJsonString()), oidc);
        Assert.Equal(UsagePlanNames.InteractiveKeyValue(config.Name), AuthorizerVariables(variant)[FunctionVariables.InteractiveApiKey]!.GetValue<string>());
        Assert.Equal(config.Authorization.TenantCacheSeconds.ToString(), AuthorizerVariables(variant)[FunctionVariables.TenantCacheSeconds]!.GetValue<string>());
    }

    private static JsonObject AuthorizerVariables(SynthesizedApp app) =>
        app.Resources(app.Stacks.Api, "AWS::Lambda::Function").Single(f => f.Key.StartsWith("AuthorizerFunction")).Value["Properties"]!["Environment"]!["Variables"]!.AsObject();

    /// <summary>TRUSTED_ISSUERS as deployed: a Fn::Join of literal JSON and tokens; with each token as a placeholder, the JSON the function reads.</summary>
    internal static JsonArray TrustedIssuersOf(SynthesizedApp app)
    {
        var parts = AuthorizerVariables(app)[FunctionVariables.TrustedIssuers]!["Fn::Join"]![1]!.AsArray();
        return JsonNode.Parse(string.Concat(parts.Select(p => p is JsonValue v ? v.GetValue<string>() : "TOKEN")))!.AsArray();
    }

    [Theory]
    [InlineData("UNAUTHORIZED", "401")]
    [InlineData("ACCESS_DENIED", "403")]
    [InlineData("AUTHORIZER_FAILURE", "503")]
    [InlineData("AUTHORIZER_CONFIGURATION_ERROR", "503")]
    public void Authorization_failures_answer_with_JSON_bodies(string type, string status)
    {
        dev.Template(dev.Stacks.Api).HasResourceProperties("AWS::ApiGateway::GatewayResponse", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ResponseType"] = type,
            ["StatusCode"] = status,
            ["ResponseTemplates"] = new Dictionary<string, object> { ["application/json"] = Match.StringLikeRegexp("^\\{\"message\":") },
        }));
    }
}
