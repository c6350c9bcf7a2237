using System.Text.Json.Nodes;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

/// <summary>Alarms, their topic and the dashboard.</summary>
public class OperationsTests(DevApp dev, VariantApp variant)
{
    private IReadOnlyDictionary<string, JsonObject> Alarms(SynthesizedApp app, Amazon.CDK.Stack stack) =>
        app.Resources(stack, "AWS::CloudWatch::Alarm").ToDictionary(a => a.Key, a => a.Value["Properties"]!.AsObject());

    [Theory]
    [InlineData("Api5xxRate")]
    [InlineData("ThrottledRequests")]
    [InlineData("ThrottledPeople")]
    [InlineData("ThrottledTenants")]
    [InlineData("AuthorizerErrors")]
    [InlineData("OriginWafBlockedSpike")]
    [InlineData("PetsTableThrottles")]
    [InlineData("PetsErrors")]
    [InlineData("UsersErrors")]
    [InlineData("AdminErrors")]
    [InlineData("PetsThrottles")]
    [InlineData("AuthorizerThrottles")]
    public void Each_signal_has_an_alarm_that_notifies_the_topic(string alarm)
    {
        var found = Alarms(dev, dev.Stacks.Operations).Single(a => a.Key.StartsWith($"ApiAlarms{alarm}")).Value;
        Assert.Contains("AlarmTopic", found["AlarmActions"]!.ToJsonString());
        Assert.Equal("notBreaching", found["TreatMissingData"]!.GetValue<string>());
    }

    [Fact]
    public void The_table_throttle_alarm_watches_every_operation_the_pets_function_makes()
    {
        var alarm = Alarms(dev, dev.Stacks.Operations).Single(a => a.Key.StartsWith("ApiAlarmsPetsTableThrottles")).Value;
        var watched = alarm["Metrics"]!.AsArray()
            .Select(m => m!["MetricStat"]?["Metric"]?["Dimensions"]?.AsArray().SingleOrDefault(d => d!["Name"]!.GetValue<string>() == "Operation"))
            .OfType<JsonNode>().Select(d => d["Value"]!.GetValue<string>());
        Assert.Equal(PetStore.Contract.PetsTableAccess.Operations.Order(), watched.Order());
    }

    [Fact]
    public void The_5xx_alarm_is_a_rate_with_the_configured_threshold()
    {
        var alarm = Alarms(dev, dev.Stacks.Operations).Single(a => a.Key.StartsWith("ApiAlarmsApi5xxRate")).Value;
        Assert.Equal(dev.Config.Alarms.Api5xxPercent, alarm["Threshold"]!.GetValue<double>());
        var expression = alarm["Metrics"]!.AsArray().Single(m => m!["Expression"] is not null)!["Expression"]!.GetValue<string>();
        Assert.Contains("100 * errors / requests", expression);
        Assert.Contains("5XXError", alarm.ToJsonString());
    }

    [Fact]
    public void Throttles_and_authorizer_errors_are_counted_from_our_JSON_logs()
    {
        var filters = dev.Resources(dev.Stacks.Operations, "AWS::Logs::MetricFilter").Values.Select(f => f["Properties"]!).ToList();
        var throttled = filters.Single(f => f["MetricTransformations"]![0]!["MetricName"]!.GetValue<string>() == "ThrottledRequests");
        Assert.Equal("{ $.status = 429 }", throttled["FilterPattern"]!.GetValue<string>());
        Assert.Contains("AccessLogs", throttled["LogGroupName"]!.ToJsonString());
        foreach (var (metric, kind) in new[] { ("ThrottledPeople", "person"), ("ThrottledTenants", "tenant") })
        {
            var filter = filters.Single(f => f["MetricTransformations"]![0]!["MetricName"]!.GetValue<string>() == metric);
            Assert.Equal($"{{ ($.status = 429) && ($.kind = \"{kind}\") }}", filter["FilterPattern"]!.GetValue<string>());
            // The access log writes the authorizer's kind under that key.
            Assert.Contains("\"kind\":\"$context.authorizer.kind\"", PetStore.Contract.AccessLog.Format);
        }
        var authorizer = filters.Single(f => f["MetricTransformations"]![0]!["MetricName"]!.GetValue<string>() == "AuthorizerErrors");
        Assert.Equal("{ $.level = \"ERROR\" }", authorizer["FilterPattern"]!.GetValue<string>());
        Assert.Contains("AuthorizerFunctionLogs", authorizer["LogGroupName"]!.ToJsonString());
    }

    [Fact]
    public void The_edge_WAF_alarms_live_with_their_metrics_in_us_east_1_one_for_people_held_to_their_limit()
    {
        var alarms = Alarms(dev, dev.Stacks.Edge);
        Assert.Equal(2, alarms.Count);
        Assert.All(alarms.Values, alarm =>
        {
            Assert.Equal("BlockedRequests", alarm["MetricName"]!.GetValue<string>());
            Assert.Equal("AWS/WAFV2", alarm["Namespace"]!.GetValue<string>());
            Assert.Contains("petstore-dev-edge", alarm["Dimensions"]!.ToJsonString());
        });
        Assert.Equal(dev.Config.Alarms.WafBlockedPer5Minutes, alarms.Single(a => a.Key.StartsWith("EdgeWafBlockedSpike")).Value["Threshold"]!.GetValue<int>());
        var people = alarms.Single(a => a.Key.StartsWith("EdgePeopleRateLimited")).Value;
        Assert.Contains($"\"Value\":\"{PetStoreInfra.Constructs.EdgeWebAcl.PersonRuleName}\"", people["Dimensions"]!.ToJsonString());
        Assert.Equal(dev.Config.Alarms.ThrottledPer5Minutes, people["Threshold"]!.GetValue<int>());
    }

    [Fact]
    public void Alarm_topics_are_encrypted_TLS_only_and_subscribe_the_configured_email()
    {
        foreach (var stack in new Amazon.CDK.Stack[] { dev.Stacks.Operations, dev.Stacks.Edge })
        {
            var topic = Assert.Single(dev.Resources(stack, "AWS::SNS::Topic").Values)["Properties"]!;
            Assert.NotNull(topic["KmsMasterKeyId"]);
            var key = Assert.Single(dev.Resources(stack, "AWS::KMS::Key").Values)["Properties"]!;
            Assert.True(key["EnableKeyRotation"]!.GetValue<bool>());
            Assert.Contains("cloudwatch.amazonaws.com", key["KeyPolicy"]!.ToJsonString());
            Assert.Contains("aws:SecureTransport", Assert.Single(dev.Resources(stack, "AWS::SNS::TopicPolicy").Values).ToJsonString());
        }
        Assert.Empty(dev.Resources(dev.Stacks.Operations, "AWS::SNS::Subscription"));
        var subscription = Assert.Single(variant.Resources(variant.Stacks.Operations, "AWS::SNS::Subscription").Values)["Properties"]!;
        Assert.Equal("email", subscription["Protocol"]!.GetValue<string>());
        Assert.Equal("ops@petstore.example", subscription["Endpoint"]!.GetValue<string>());
    }

    [Fact]
    public void A_dashboard_shows_the_same_signals()
    {
        var dashboard = Assert.Single(dev.Resources(dev.Stacks.Operations, "AWS::CloudWatch::Dashboard").Values)["Properties"]!;
        var body = dashboard["DashboardBody"]!.ToJsonString();
        foreach (var signal in new[] { "5XXError", "Latency", "ThrottledRequests", "ThrottledPeople", "ThrottledTenants", "AuthorizerErrors", "BlockedRequests", "Throttles" })
            Assert.Contains(signal, body);
    }
}
