using PetStore.Contract;
using PetStore.Configuration;
using PetStore.Benchmarks.Cost;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Cost;

/// <summary>
/// The cost model prices <see cref="BillableResources"/> instead of synthesizing: for every environment (and the
/// variant with the other settings), it must say what the synthesized templates deploy.
/// </summary>
public class BillableResourcesTests(DevApp dev, ProdApp prod, VariantApp variant)
{
    public static TheoryData<string> Apps => ["dev", "prod", "variant"];

    private SynthesizedApp App(string name) => name switch { "dev" => dev, "prod" => prod, _ => variant };

    private static IEnumerable<(string Stack, System.Text.Json.Nodes.JsonObject Properties)> Resources(SynthesizedApp app, string type) =>
        app.AllStacks.SelectMany(stack => app.Resources(stack, type).Select(r => (stack.StackName, r.Value["Properties"]!.AsObject())));

    [Theory]
    [MemberData(nameof(Apps))]
    public void Every_deployed_function_has_the_memory_architecture_and_runtime_the_cost_model_prices(string name)
    {
        var app = App(name);
        var billable = BillableResources.For(app.Config);
        var deployed = Resources(app, "AWS::Lambda::Function")
            .Where(f => FunctionHandlers.All.Contains(f.Properties["Handler"]?.GetValue<string>()))
            .Select(f => f.Properties)
            .ToList();

        Assert.Equal(billable.Functions.Select(f => f.Handler).Order(), deployed.Select(f => f["Handler"]!.GetValue<string>()).Order());
        foreach (var function in deployed)
        {
            var priced = billable.Function(function["Handler"]!.GetValue<string>());
            Assert.Equal(priced.MemorySizeMb, function["MemorySize"]!.GetValue<int>());
            Assert.Equal(priced.Architecture == LambdaArchitecture.Arm64 ? "arm64" : "x86_64", function["Architectures"]![0]!.GetValue<string>());
            Assert.Equal(priced.Runtime == FunctionRuntime.Custom ? "provided.al2023" : "dotnet10", function["Runtime"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void Every_web_ACL_has_the_scope_and_rule_count_the_cost_model_prices(string name)
    {
        var app = App(name);
        var deployed = Resources(app, "AWS::WAFv2::WebACL")
            .Select(acl => new BillableWebAcl(acl.Properties["Scope"]!.GetValue<string>(), acl.Properties["Rules"]!.AsArray().Count));

        Assert.Equal(BillableResources.For(app.Config).WebAcls.OrderBy(a => a.Scope), deployed.OrderBy(a => a.Scope));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void The_user_pool_plan_the_distribution_price_class_the_authorizer_caches_and_token_lifetime_are_as_priced(string name)
    {
        var app = App(name);
        var billable = BillableResources.For(app.Config);

        Assert.All(Resources(app, "AWS::Cognito::UserPool"), pool => Assert.Equal(billable.CognitoFeaturePlan, pool.Properties["UserPoolTier"]!.GetValue<string>()));
        Assert.Equal(billable.CloudFrontPriceClass,
            Assert.Single(Resources(app, "AWS::CloudFront::Distribution")).Properties["DistributionConfig"]!["PriceClass"]!.GetValue<string>());
        // The signed-in routes' authorizer is keyed on the token alone (DecisionCacheRule.SignedInPlan); the policy routes' on more.
        var signedInSources = string.Join(',', DecisionCacheRule.SignedInPlan(billable.SignedInCacheTtlSeconds).IdentitySources);
        var authorizers = Resources(app, "AWS::ApiGateway::Authorizer").Where(a => a.Properties["Type"]!.GetValue<string>() == "REQUEST")
            .ToLookup(a => a.Properties["IdentitySource"]!.GetValue<string>() == signedInSources, a => a.Properties["AuthorizerResultTtlInSeconds"]!.GetValue<int>());
        Assert.Equal(billable.SignedInCacheTtlSeconds, Assert.Single(authorizers[true]));
        Assert.All(authorizers[false], ttl => Assert.Equal(billable.AuthorizerCacheTtlSeconds, ttl));
        Assert.NotEmpty(authorizers[false]);
        Assert.All(Resources(app, "AWS::Cognito::UserPoolClient"), client =>
        {
            Assert.Equal(billable.AccessTokenValidityMinutes, client.Properties["AccessTokenValidity"]!.GetValue<int>());
            Assert.Equal("minutes", client.Properties["TokenValidityUnits"]!["AccessToken"]!.GetValue<string>());
        });
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void The_groups_priced_with_an_MFA_step_at_sign_in_are_those_of_the_pools_that_require_it(string name)
    {
        var app = App(name);
        var pools = app.AllStacks.SelectMany(stack => app.Resources(stack, "AWS::Cognito::UserPool"))
            .ToDictionary(p => p.Key, p => p.Value["Properties"]!["MfaConfiguration"]!.GetValue<string>());
        var groupsInPoolsRequiringMfa = Resources(app, "AWS::Cognito::UserPoolGroup")
            .Where(g => pools[g.Properties["UserPoolId"]!["Ref"]!.GetValue<string>()] == "ON")
            .Select(g => g.Properties["GroupName"]!.GetValue<string>());

        Assert.Equal(groupsInPoolsRequiringMfa.Order(), BillableResources.For(app.Config).GroupsSigningInWithMfa.Order());
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void The_audit_trails_data_events_are_priced_exactly_where_a_trail_records_them_and_it_records_only_Verified_Permissions_calls(string name)
    {
        var app = App(name);
        var trails = Resources(app, "AWS::CloudTrail::Trail").Select(t => t.Properties).ToList();

        Assert.Equal(BillableResources.For(app.Config).RecordsDecisions ? 1 : 0, trails.Count);
        // The model prices one event per Verified Permissions call: a selector of any other kind would go unpriced.
        Assert.All(trails.SelectMany(t => t["AdvancedEventSelectors"]!.AsArray()), selector =>
        {
            var fields = selector!["FieldSelectors"]!.AsArray().ToDictionary(f => f!["Field"]!.GetValue<string>(), f => f!["Equals"]!.ToJsonString());
            Assert.Equal("""["Data"]""", fields["eventCategory"]);
            Assert.Equal($"""["{PetStoreInfra.Constructs.AuditTrail.PolicyStoreResourceType}"]""", fields["resources.type"]);
        });
        Assert.All(trails, t => Assert.Null(t["EventSelectors"]));
    }
}
