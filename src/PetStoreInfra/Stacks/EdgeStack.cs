using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Constructs;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>
/// us-east-1 only: the CloudFront-scoped web ACL (WAF requires CLOUDFRONT scope there), its request log, and the
/// alarm on its blocked requests (its metrics are published in us-east-1 too, so the alarm and its topic live here).
/// </summary>
public sealed class EdgeStack : Stack
{
    public const string EdgeRegion = "us-east-1";

    /// <summary>The web ACL's ARN, for the distribution in the API's region (a cross-region reference).</summary>
    public string WebAclArn { get; }

    public EdgeStack(Construct scope, string id, IStackProps props, DeploymentConfig config) : base(scope, id, props)
    {
        var name = $"petstore-{config.Name}-edge";
        var webAcl = new EdgeWebAcl(this, "EdgeWebAcl", new EdgeWebAclProps(name, config.Perimeter)).WebAcl;
        WebAclArn = webAcl.AttrArn;
        _ = new WebAclLogging(this, "EdgeWebAclLogging", new WebAclLoggingProps(
            webAcl, $"aws-waf-logs-{name}", config.LogRetentionDays,
            config.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY, ["authorization"]));

        var topic = new AlarmTopic(this, "Alarms", new AlarmTopicProps(config.Alarms.Email));
        void Alarm(string id, string rule, int threshold, string description)
        {
            var blocked = new Metric(new MetricProps
            {
                Namespace = "AWS/WAFV2",
                MetricName = "BlockedRequests",
                DimensionsMap = new Dictionary<string, string> { ["WebACL"] = name, ["Rule"] = rule },
                Statistic = "Sum",
                Period = Duration.Minutes(5),
            });
            blocked.CreateAlarm(this, id, new CreateAlarmOptions
            {
                AlarmDescription = description,
                Threshold = threshold,
                EvaluationPeriods = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            }).AddAlarmAction(new SnsAction(topic.Topic));
        }
        Alarm("EdgeWafBlockedSpike", "ALL", config.Alarms.WafBlockedPer5Minutes,
            $"The edge web ACL blocked more than {config.Alarms.WafBlockedPer5Minutes} requests in 5 minutes");
        // People held to their own limit, apart from tenants (whose keys the usage plans meter at the origin).
        Alarm("EdgePeopleRateLimited", EdgeWebAcl.PersonRuleName, config.Alarms.ThrottledPer5Minutes,
            $"The edge limited people (per token) more than {config.Alarms.ThrottledPer5Minutes} times in 5 minutes: one person flooding, or the limit too low");
    }
}
