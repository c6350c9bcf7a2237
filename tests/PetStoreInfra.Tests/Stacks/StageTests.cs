using System.Text.Json.Nodes;
using PetStore.Configuration;
using PetStore.Contract;
using PetStoreInfra.Constructs;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

/// <summary>The API stage's logs, tracing, throttles, request models and usage plans.</summary>
public class StageTests(DevApp dev, VariantApp variant)
{
    private readonly ApiTemplate _api = new(dev, dev.Stacks.Api);
    private JsonObject Stage => Assert.Single(dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::Stage").Values)["Properties"]!.AsObject();

    [Fact]
    public void Access_logs_are_JSON_lines_with_request_caller_user_route_outcome_authorizer_and_WAF_fields()
    {
        var format = Stage["AccessLogSetting"]!["Format"]!.GetValue<string>();
        // With every $context variable replaced by a sample, the format is one JSON object.
        var sample = System.Text.RegularExpressions.Regex.Replace(format, @"\$context\.[A-Za-z.]+", "1");
        var fields = JsonNode.Parse(sample)!.AsObject().Select(f => f.Key).ToList();
        Assert.Superset(new HashSet<string> { "requestId", "ip", "user", "httpMethod", "resourcePath", "status", "responseLatency",
            "authorizerStatus", "authorizerLatency", "authorizerError", "wafStatus", "wafResponseCode" }, fields.ToHashSet());
        // The authorizer's answer context carries each decision's provenance; the log names it for every request.
        foreach (var key in new[] { PetStore.Contract.AccessLog.PolicyVersionKey, PetStore.Contract.AccessLog.ReasonKey, PetStore.Contract.AccessLog.PoliciesKey })
            Assert.Contains($"\"{key}\":\"$context.authorizer.{key}\"", format);
        Assert.Contains("AccessLogs", Stage["AccessLogSetting"]!["DestinationArn"]!.ToJsonString());
        var logs = dev.Resources(dev.Stacks.Api, "AWS::Logs::LogGroup").Single(g => g.Key.StartsWith("PetStoreApiAccessLogs")).Value;
        Assert.Equal(dev.Config.LogRetentionDays, logs["Properties"]!["RetentionInDays"]!.GetValue<int>());
    }

    [Fact]
    public void The_stage_traces_logs_errors_never_bodies_and_throttles()
    {
        Assert.True(Stage["TracingEnabled"]!.GetValue<bool>());
        var all = Stage["MethodSettings"]!.AsArray().Single(m => m!["ResourcePath"]!.GetValue<string>() == "/*")!;
        Assert.Equal("ERROR", all["LoggingLevel"]!.GetValue<string>());
        Assert.False(all["DataTraceEnabled"]!.GetValue<bool>());
        Assert.Equal(dev.Config.Throttling.RateLimit, all["ThrottlingRateLimit"]!.GetValue<double>());
    }

    [Fact]
    public void Per_route_throttles_come_from_configuration()
    {
        foreach (var (route, limit) in dev.Config.Throttling.Methods)
        {
            var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
            var setting = Stage["MethodSettings"]!.AsArray().Single(m =>
                m!["HttpMethod"]!.GetValue<string>() == method && m["ResourcePath"]!.GetValue<string>() == "/" + path.Replace("/", "~1"))!;
            Assert.Equal(limit.RateLimit, setting["ThrottlingRateLimit"]!.GetValue<double>());
            Assert.Equal(limit.BurstLimit, setting["ThrottlingBurstLimit"]!.GetValue<int>());
        }
        Assert.NotEmpty(dev.Config.Throttling.Methods);
    }

    [Fact]
    public void Execution_logging_has_an_account_role_without_managed_policies()
    {
        var account = Assert.Single(dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::Account").Values);
        Assert.Contains("LoggingRole", account["Properties"]!["CloudWatchRoleArn"]!.ToJsonString());
        var role = dev.Resources(dev.Stacks.Api, "AWS::IAM::Role").Single(r => r.Key.Contains("LoggingRole")).Value["Properties"]!;
        Assert.Null(role["ManagedPolicyArns"]);
        Assert.Contains("apigateway.amazonaws.com", role["AssumeRolePolicyDocument"]!.ToJsonString());
    }

    public static TheoryData<string> BodyOperations => [.. RequestModels.ByOperation.Keys];

    [Theory]
    [MemberData(nameof(BodyOperations))]
    public void Bodies_are_validated_against_a_model_before_a_function_runs(string operation)
    {
        var route = RouteTable.All.Single(r => r.Operation == operation);
        var method = _api.Methods.Single(m => m.HttpMethod == route.Method && m.Path == route.Path);
        var validator = _api.Resource(method.Properties["RequestValidatorId"]!["Ref"]!.GetValue<string>())["Properties"]!;
        Assert.True(validator["ValidateRequestBody"]!.GetValue<bool>());

        var model = _api.Resource(method.Properties["RequestModels"]!["application/json"]!["Ref"]!.GetValue<string>())["Properties"]!;
        var schema = model["Schema"]!;
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        // The fields the manifest line makes optional, and only those.
        var optional = schema["properties"]!.AsObject().Select(p => p.Key).Except(schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(route.Body!.Fields.Where(f => !f.Required).Select(f => f.Name), optional);
    }

    [Fact]
    public void Every_method_has_the_validator_that_checks_bodies_and_declared_parameters_and_declares_its_path_parameters()
    {
        var validators = _api.OfType("AWS::ApiGateway::RequestValidator").ToList();
        var validator = Assert.Single(validators).Value["Properties"]!;
        Assert.True(validator["ValidateRequestBody"]!.GetValue<bool>());
        Assert.True(validator["ValidateRequestParameters"]!.GetValue<bool>());
        Assert.All(_api.Methods, m => Assert.Equal(validators[0].Key, m.Properties["RequestValidatorId"]!["Ref"]!.GetValue<string>()));
        foreach (var route in RouteTable.All)
        {
            var method = _api.Methods.Single(m => m.HttpMethod == route.Method && m.Path == route.Path);
            var declared = method.Properties["RequestParameters"]?.AsObject().Select(p => p.Key) ?? [];
            Assert.Equal(route.PathParameters.Select(p => $"method.request.path.{p}"), declared);
        }
    }

    [Fact]
    public void The_pet_model_repeats_the_functions_limits()
    {
        var schema = RequestModels.ByOperation[RouteTable.Operations.CreatePet];
        // 64 characters are 64 text elements: the model can only bound their UTF-16 length (RequestModelsTests).
        Assert.Equal(TextRules.MaxUtf16Length(PetRules.TypeMaxLength), schema.Properties!["type"].MaxLength);
        Assert.Equal(TextRules.JsonSchemaPattern, schema.Properties["type"].Pattern);
        Assert.Equal((double)PetRules.PriceMax, schema.Properties["price"].Maximum);
        Assert.Equal(0, schema.Properties["price"].Minimum);
    }

    [Fact]
    public void Usage_plan_tiers_carry_rate_burst_and_daily_quota_from_configuration()
    {
        var plans = dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::UsagePlan").Values.Select(p => p["Properties"]!).ToList();
        Assert.Equal(dev.Config.UsagePlans.Tiers.Count, plans.Count);
        foreach (var (name, tier) in dev.Config.UsagePlans.Tiers)
        {
            var plan = plans.Single(p => p["UsagePlanName"]!.GetValue<string>() == $"PetStore-dev-{name}");
            Assert.Equal(tier.RateLimit, plan["Throttle"]!["RateLimit"]!.GetValue<double>());
            Assert.Equal(tier.BurstLimit, plan["Throttle"]!["BurstLimit"]!.GetValue<int>());
            Assert.Equal(tier.QuotaPerDay, plan["Quota"]?["Limit"]?.GetValue<int>());
            if (tier.QuotaPerDay is not null) Assert.Equal("DAY", plan["Quota"]!["Period"]!.GetValue<string>());
            Assert.NotNull(plan["ApiStages"]![0]!["Stage"]);
        }
        Assert.Null(plans.Single(p => p["UsagePlanName"]!.GetValue<string>() == $"PetStore-dev-{dev.Config.UsagePlans.InteractiveTier}")["Quota"]);
    }

    [Fact]
    public void Every_key_takes_at_most_a_share_of_each_throttled_method_it_can_call()
    {
        foreach (var plan in dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::UsagePlan").Values.Select(p => p["Properties"]!))
        {
            var perMethod = plan["ApiStages"]![0]!["Throttle"]?.AsObject() ?? [];
            var keyed = dev.Config.Throttling.Methods.Where(m => RouteTable.All.Single(r => r.ToString() == m.Key).Access != Access.Public).ToList();
            Assert.Equal(keyed.Count, perMethod.Count);
            foreach (var (route, limit) in keyed)
            {
                var (verb, path) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
                var throttle = perMethod[$"{path}/{verb}"]!;
                Assert.True(throttle["RateLimit"]!.GetValue<double>() <= limit.RateLimit * ConfigLoader.MaxShareOfStage, $"{route}: {throttle}");
                Assert.True(throttle["BurstLimit"]!.GetValue<int>() <= limit.BurstLimit * ConfigLoader.MaxShareOfStage, $"{route}: {throttle}");
            }
        }
    }

    [Fact]
    public void Keys_come_from_the_authorizer_and_every_protected_route_requires_one()
    {
        var api = Assert.Single(dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::RestApi").Values);
        Assert.Equal("AUTHORIZER", api["Properties"]!["ApiKeySourceType"]!.GetValue<string>());
        foreach (var method in _api.Methods)
        {
            var route = RouteTable.All.Single(r => r.Method == method.HttpMethod && r.Path == method.Path);
            Assert.Equal(route.Access != Access.Public, method.Properties["ApiKeyRequired"]?.GetValue<bool>() ?? false);
        }
    }

    [Fact]
    public void People_are_spread_over_the_interactive_keys_all_in_the_interactive_tiers_plan()
    {
        var keys = dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::ApiKey");
        Assert.Equal(UsagePlanNames.InteractiveKeyValues("dev", dev.Config.UsagePlans.InteractiveKeys).Order(),
            keys.Values.Select(k => k["Properties"]!["Value"]!.GetValue<string>()).Order());
        Assert.All(keys.Values, key => Assert.True(key["Properties"]!["Enabled"]?.GetValue<bool>() ?? true));
        var plans = dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::UsagePlan");
        var links = dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::UsagePlanKey").Values.Select(l => l["Properties"]!).ToList();
        Assert.Equal(keys.Keys.Order(), links.Select(l => l["KeyId"]!["Ref"]!.GetValue<string>()).Order());
        Assert.All(links, link => Assert.Equal(UsagePlanNames.Plan("dev", dev.Config.UsagePlans.InteractiveTier),
            plans[link["UsagePlanId"]!["Ref"]!.GetValue<string>()]["Properties"]!["UsagePlanName"]!.GetValue<string>()));
    }

    [Fact]
    public void An_authorizers_deny_answers_with_its_reason()
    {
        var denied = dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::GatewayResponse").Values.Select(r => r["Properties"]!)
            .Single(r => r["ResponseType"]!.GetValue<string>() == "ACCESS_DENIED");
        Assert.Equal("{\"message\":\"$context.authorizer.message\"}", denied["ResponseTemplates"]!["application/json"]!.GetValue<string>());
    }

    [Fact]
    public void Functions_reserve_concurrency_when_configured()
    {
        Assert.All(variant.Resources(variant.Stacks.Api, "AWS::Lambda::Function").Values,
            f => Assert.Equal(variant.Config.Lambda.ReservedConcurrency, f["Properties"]!["ReservedConcurrentExecutions"]!.GetValue<int>()));
        Assert.All(dev.Resources(dev.Stacks.Api, "AWS::Lambda::Function").Values,
            f => Assert.Null(f["Properties"]!["ReservedConcurrentExecutions"]));
    }
}
