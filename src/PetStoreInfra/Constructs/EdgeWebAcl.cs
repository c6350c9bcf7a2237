using Amazon.CDK.AWS.WAFv2;
using Constructs;
using PetStore.Configuration;

namespace PetStoreInfra.Constructs;

public sealed record EdgeWebAclProps(string Name, PerimeterConfig Perimeter);

/// <summary>
/// The CloudFront-scoped web ACL (it must live in us-east-1). Rules, cheapest and most certain first:
/// 0 Amazon's IP reputation list drops known-bad sources before anything else is spent on them;
/// 1 a rate limit per client IP answers 429 in JSON;
/// 2 the common rule set (OWASP-style: bad bodies, paths, headers, sizes — bodies here are far below its 8 KB limit);
/// 3 known bad inputs (Log4j, exploit patterns).
/// No managed rule is overridden by default; <c>perimeter.countOnlyRules</c> turns chosen rules to Count, for
/// example <c>NoUserAgent_HEADER</c> if machine clients without a User-Agent must be served.
/// </summary>
public sealed class EdgeWebAcl : Construct
{
    public const string RateLimitedBodyKey = "rate-limited";

    public CfnWebACL WebAcl { get; }

    public EdgeWebAcl(Construct scope, string id, EdgeWebAclProps props) : base(scope, id)
    {
        var perimeter = props.Perimeter;
        WebAcl = new CfnWebACL(this, "WebAcl", new CfnWebACLProps
        {
            Name = props.Name,
            Description = "Pet Store edge protection for CloudFront",
            Scope = "CLOUDFRONT",
            DefaultAction = new CfnWebACL.DefaultActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
            VisibilityConfig = Visibility(props.Name),
            CustomResponseBodies = new Dictionary<string, object>
            {
                [RateLimitedBodyKey] = new CfnWebACL.CustomResponseBodyProperty
                {
                    ContentType = "APPLICATION_JSON",
                    Content = "{\"message\":\"Too many requests; slow down.\"}",
                },
            },
            Rules = new object[]
            {
                ManagedRule(0, ConfigLoader.ManagedRuleGroups[0], perimeter),
                new CfnWebACL.RuleProperty
                {
                    Name = "RateLimitPerIp",
                    Priority = 1,
                    Statement = new CfnWebACL.StatementProperty
                    {
                        RateBasedStatement = new CfnWebACL.RateBasedStatementProperty
                        {
                            Limit = perimeter.RateLimitPer5Minutes,
                            AggregateKeyType = "IP",
                        },
                    },
                    Action = new CfnWebACL.RuleActionProperty
                    {
                        Block = new CfnWebACL.BlockActionProperty
                        {
                            CustomResponse = new CfnWebACL.CustomResponseProperty { ResponseCode = 429, CustomResponseBodyKey = RateLimitedBodyKey },
                        },
                    },
                    VisibilityConfig = Visibility("RateLimitPerIp"),
                },
                ManagedRule(2, ConfigLoader.ManagedRuleGroups[1], perimeter),
                ManagedRule(3, ConfigLoader.ManagedRuleGroups[2], perimeter),
            },
        });
    }

    private static CfnWebACL.RuleProperty ManagedRule(int priority, string group, PerimeterConfig perimeter) => new()
    {
        Name = $"AWS-{group}",
        Priority = priority,
        Statement = new CfnWebACL.StatementProperty
        {
            ManagedRuleGroupStatement = new CfnWebACL.ManagedRuleGroupStatementProperty
            {
                VendorName = "AWS",
                Name = group,
                RuleActionOverrides = perimeter.CountOnlyRules.TryGetValue(group, out var counted) && counted.Count > 0
                    ? counted.Select(rule => (object)new CfnWebACL.RuleActionOverrideProperty
                    {
                        Name = rule,
                        ActionToUse = new CfnWebACL.RuleActionProperty { Count = new CfnWebACL.CountActionProperty() },
                    }).ToArray()
                    : null,
            },
        },
        OverrideAction = new CfnWebACL.OverrideActionProperty { None = new Dictionary<string, object>() },
        VisibilityConfig = Visibility($"AWS-{group}"),
    };

    internal static CfnWebACL.VisibilityConfigProperty Visibility(string metricName) => new()
    {
        CloudWatchMetricsEnabled = true,
        SampledRequestsEnabled = true,
        MetricName = metricName,
    };
}
