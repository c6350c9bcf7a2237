using Amazon.CDK.AWS.WAFv2;
using Constructs;
using PetStore.Configuration;

namespace PetStoreInfra.Constructs;

public sealed record EdgeWebAclProps(string Name, PerimeterConfig Perimeter);

/// <summary>
/// The CloudFront-scoped web ACL (it must live in us-east-1). Rules, cheapest and most certain first:
/// 0 Amazon's IP reputation list drops known-bad sources before anything else is spent on them;
/// 1 a rate limit per client IP answers 429 in JSON;
/// 2 a rate limit per person: per token (the Authorization header; requests without one are not counted by it);
/// 3 a rate limit on sign-ins and sign-ups per client IP, which bounds how many tokens and accounts one source gets
///   through the API (Cognito's own endpoints are not behind it);
/// 4 the common rule set (OWASP-style: bad bodies, paths, headers, sizes — bodies here are far below its 8 KB limit);
/// 5 known bad inputs (Log4j, exploit patterns).
/// No managed rule is overridden by default; <c>perimeter.countOnlyRules</c> turns chosen rules to Count, for
/// example <c>NoUserAgent_HEADER</c> if machine clients without a User-Agent must be served.
/// </summary>
public sealed class EdgeWebAcl : Construct
{
    public const string RateLimitedBodyKey = "rate-limited";

    /// <summary>The rule limiting each person (each token): its metric counts the people the edge throttled.</summary>
    public const string PersonRuleName = "RateLimitPerPerson";

    /// <summary>The sign-in routes (<c>/login</c>, <c>/login/mfa</c>), as the viewer spells them, in lower case.</summary>
    public const string LoginPathPrefix = "/login";

    /// <summary>The sign-up route: new accounts are new principals, so they cost what a sign-in does.</summary>
    public const string SignUpPath = "/users";

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
                    Content = new System.Text.Json.Nodes.JsonObject { ["message"] = PetStore.Contract.GatewayMessages.EdgeRateLimited }.ToJsonString(),
                },
            },
            Rules = new object[]
            {
                ManagedRule(0, ConfigLoader.ManagedRuleGroups[0], perimeter),
                RateLimit("RateLimitPerIp", 1, new CfnWebACL.RateBasedStatementProperty { Limit = perimeter.RateLimitPer5Minutes, AggregateKeyType = "IP" }),
                RateLimit(PersonRuleName, 2, new CfnWebACL.RateBasedStatementProperty
                {
                    Limit = perimeter.PersonRateLimit.Limit,
                    EvaluationWindowSec = perimeter.PersonRateLimit.WindowSeconds,
                    AggregateKeyType = "CUSTOM_KEYS",
                    CustomKeys = new object[]
                    {
                        new CfnWebACL.RateBasedStatementCustomKeyProperty
                        {
                            Header = new CfnWebACL.RateLimitHeaderProperty
                            {
                                Name = "authorization",
                                TextTransformations = new object[] { new CfnWebACL.TextTransformationProperty { Priority = 0, Type = "NONE" } },
                            },
                        },
                    },
                }),
                RateLimit("LoginRateLimitPerIp", 3, new CfnWebACL.RateBasedStatementProperty
                {
                    Limit = perimeter.LoginRateLimitPer5Minutes,
                    AggregateKeyType = "IP",
                    ScopeDownStatement = new CfnWebACL.StatementProperty
                    {
                        OrStatement = new CfnWebACL.OrStatementProperty
                        {
                            Statements = new object[] { PathMatch("STARTS_WITH", LoginPathPrefix), PathMatch("EXACTLY", SignUpPath) },
                        },
                    },
                }),
                ManagedRule(4, ConfigLoader.ManagedRuleGroups[1], perimeter),
                ManagedRule(5, ConfigLoader.ManagedRuleGroups[2], perimeter),
            },
        });
    }

    /// <summary>
    /// The viewer's path, as the API reads it: percent-decoded, with dot segments and repeated slashes resolved, in lower
    /// case, so <c>/%6Cogin</c> or <c>//Login</c> cannot step around the match.
    /// </summary>
    private static CfnWebACL.StatementProperty PathMatch(string constraint, string path) => new()
    {
        ByteMatchStatement = new CfnWebACL.ByteMatchStatementProperty
        {
            FieldToMatch = new CfnWebACL.FieldToMatchProperty { UriPath = new Dictionary<string, object>() },
            PositionalConstraint = constraint,
            SearchString = path,
            TextTransformations = new object[]
            {
                new CfnWebACL.TextTransformationProperty { Priority = 0, Type = "URL_DECODE" },
                new CfnWebACL.TextTransformationProperty { Priority = 1, Type = "NORMALIZE_PATH" },
                new CfnWebACL.TextTransformationProperty { Priority = 2, Type = "LOWERCASE" },
            },
        },
    };

    /// <summary>A rate-based rule that answers 429 in JSON to the requests of an aggregation instance over its limit.</summary>
    private static CfnWebACL.RuleProperty RateLimit(string name, int priority, CfnWebACL.RateBasedStatementProperty statement) => new()
    {
        Name = name,
        Priority = priority,
        Statement = new CfnWebACL.StatementProperty { RateBasedStatement = statement },
        Action = new CfnWebACL.RuleActionProperty
        {
            Block = new CfnWebACL.BlockActionProperty
            {
                CustomResponse = new CfnWebACL.CustomResponseProperty { ResponseCode = 429, CustomResponseBodyKey = RateLimitedBodyKey },
            },
        },
        VisibilityConfig = Visibility(name),
    };

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
