using System.Text.Json.Nodes;
using PetStore.Configuration;
using PetStore.Contract;
using PetStoreInfra.Constructs;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

/// <summary>CloudFront and WAF in front of the API, and the origin lock behind it.</summary>
public class PerimeterTests(DevApp dev, VariantApp variant)
{
    private static JsonObject Single(SynthesizedApp app, Amazon.CDK.Stack stack, string type) =>
        Assert.Single(app.Resources(stack, type).Values)["Properties"]!.AsObject();

    private JsonObject EdgeAcl => Single(dev, dev.Stacks.Edge, "AWS::WAFv2::WebACL");
    private JsonObject OriginAcl => Single(dev, dev.Stacks.Perimeter, "AWS::WAFv2::WebACL");
    private JsonObject Distribution(SynthesizedApp app) => Single(app, app.Stacks.Perimeter, "AWS::CloudFront::Distribution")["DistributionConfig"]!.AsObject();

    [Fact]
    public void The_edge_stack_is_in_us_east_1_and_the_others_in_the_configured_region()
    {
        Assert.Equal("us-east-1", dev.Stacks.Edge.Region);
        Assert.All(dev.AllStacks.Where(s => s != dev.Stacks.Edge), s => Assert.Equal(dev.Config.Region, s.Region));
        Assert.Contains(dev.Stacks.Edge, dev.Stacks.Perimeter.Dependencies);
        Assert.Contains(dev.Stacks.Api, dev.Stacks.Perimeter.Dependencies);
    }

    [Fact]
    public void The_edge_web_ACL_is_CloudFront_scoped_with_the_three_managed_groups_and_the_rate_rules_in_order()
    {
        Assert.Equal("CLOUDFRONT", EdgeAcl["Scope"]!.GetValue<string>());
        Assert.NotNull(EdgeAcl["DefaultAction"]!["Allow"]);
        var rules = EdgeAcl["Rules"]!.AsArray().Select(r => r!.AsObject()).OrderBy(r => r["Priority"]!.GetValue<int>()).ToList();

        Assert.Equal(
            ["AWSManagedRulesAmazonIpReputationList", "RateLimitPerIp", EdgeWebAcl.PersonRuleName, "LoginRateLimitPerIp", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"],
            rules.Select(r => r["Statement"]!["ManagedRuleGroupStatement"]?["Name"]?.GetValue<string>() ?? r["Name"]!.GetValue<string>()));
        Assert.All(rules.Where(r => r["Statement"]!["ManagedRuleGroupStatement"] is not null), r =>
        {
            Assert.Equal("AWS", r["Statement"]!["ManagedRuleGroupStatement"]!["VendorName"]!.GetValue<string>());
            Assert.NotNull(r["OverrideAction"]!["None"]);
        });
        Assert.All(rules, r => Assert.True(r["VisibilityConfig"]!["CloudWatchMetricsEnabled"]!.GetValue<bool>()));
    }

    [Fact]
    public void Each_person_is_limited_per_token_before_any_bucket_people_share_and_logins_per_client_IP()
    {
        var rules = EdgeAcl["Rules"]!.AsArray().ToDictionary(r => r!["Name"]!.GetValue<string>(), r => r!);
        var person = rules[EdgeWebAcl.PersonRuleName]["Statement"]!["RateBasedStatement"]!;
        Assert.Equal(dev.Config.Perimeter.PersonRateLimit.Limit, person["Limit"]!.GetValue<int>());
        Assert.Equal(dev.Config.Perimeter.PersonRateLimit.WindowSeconds, person["EvaluationWindowSec"]!.GetValue<int>());
        Assert.Equal("CUSTOM_KEYS", person["AggregateKeyType"]!.GetValue<string>());
        var key = Assert.Single(person["CustomKeys"]!.AsArray())!["Header"]!;
        Assert.Equal("authorization", key["Name"]!.GetValue<string>().ToLowerInvariant());
        Assert.Equal("NONE", key["TextTransformations"]![0]!["Type"]!.GetValue<string>());

        var login = rules["LoginRateLimitPerIp"]["Statement"]!["RateBasedStatement"]!;
        Assert.Equal(dev.Config.Perimeter.LoginRateLimitPer5Minutes, login["Limit"]!.GetValue<int>());
        Assert.Equal("IP", login["AggregateKeyType"]!.GetValue<string>());
        var matches = login["ScopeDownStatement"]!["OrStatement"]!["Statements"]!.AsArray().Select(m => m!["ByteMatchStatement"]!).ToList();
        // Every sign-in and the sign-up route, as the API reads the viewer's path: decoded, normalized, lower-cased.
        Assert.All(RouteTable.All.Where(r => r.Operation is RouteTable.Operations.Login or RouteTable.Operations.AnswerMfa or RouteTable.Operations.SignUp),
            r => Assert.Contains(matches, m => m["PositionalConstraint"]!.GetValue<string>() switch
            {
                "STARTS_WITH" => r.Path.StartsWith(m["SearchString"]!.GetValue<string>(), StringComparison.Ordinal),
                "EXACTLY" => r.Path == m["SearchString"]!.GetValue<string>(),
                _ => false,
            }));
        Assert.All(matches, m => Assert.Equal(["URL_DECODE", "NORMALIZE_PATH", "LOWERCASE"],
            m["TextTransformations"]!.AsArray().OrderBy(t => t!["Priority"]!.GetValue<int>()).Select(t => t!["Type"]!.GetValue<string>())));
        Assert.All(new[] { rules[EdgeWebAcl.PersonRuleName], rules["LoginRateLimitPerIp"] }, r => Assert.Equal(429, r["Action"]!["Block"]!["CustomResponse"]!["ResponseCode"]!.GetValue<int>()));
    }

    [Fact]
    public void The_rate_rule_limits_each_client_IP_from_configuration_and_answers_429_in_JSON()
    {
        var rate = EdgeAcl["Rules"]!.AsArray().Single(r => r!["Name"]!.GetValue<string>() == "RateLimitPerIp")!;
        Assert.Equal(dev.Config.Perimeter.RateLimitPer5Minutes, rate["Statement"]!["RateBasedStatement"]!["Limit"]!.GetValue<int>());
        Assert.Equal("IP", rate["Statement"]!["RateBasedStatement"]!["AggregateKeyType"]!.GetValue<string>());
        var response = rate["Action"]!["Block"]!["CustomResponse"]!;
        Assert.Equal(429, response["ResponseCode"]!.GetValue<int>());
        var body = EdgeAcl["CustomResponseBodies"]![response["CustomResponseBodyKey"]!.GetValue<string>()]!;
        Assert.Equal("APPLICATION_JSON", body["ContentType"]!.GetValue<string>());
        Assert.NotNull(JsonNode.Parse(body["Content"]!.GetValue<string>())!["message"]);
    }

    [Fact]
    public void Count_only_rules_come_from_configuration()
    {
        var common = Single(variant, variant.Stacks.Edge, "AWS::WAFv2::WebACL")["Rules"]!.AsArray()
            .Single(r => r!["Name"]!.GetValue<string>() == "AWS-AWSManagedRulesCommonRuleSet")!;
        var overrides = common["Statement"]!["ManagedRuleGroupStatement"]!["RuleActionOverrides"]!.AsArray();
        var only = Assert.Single(overrides)!;
        Assert.Equal("NoUserAgent_HEADER", only["Name"]!.GetValue<string>());
        Assert.NotNull(only["ActionToUse"]!["Count"]);
        Assert.Null(EdgeAcl["Rules"]!.AsArray().Single(r => r!["Name"]!.GetValue<string>() == "AWS-AWSManagedRulesCommonRuleSet")!
            ["Statement"]!["ManagedRuleGroupStatement"]!["RuleActionOverrides"]);
    }

    [Theory]
    [InlineData("Edge", "petstore-dev-edge")]
    [InlineData("Perimeter", "petstore-dev-origin")]
    public void Each_web_ACL_logs_to_an_aws_waf_logs_group_with_retention_and_redacts_credentials(string stackName, string acl)
    {
        var stack = dev.AllStacks.Single(s => s.StackName.EndsWith(stackName));
        var logGroup = dev.Resources(stack, "AWS::Logs::LogGroup").Values.Select(g => g["Properties"]!)
            .Single(g => g["LogGroupName"]?.GetValue<string>() == $"aws-waf-logs-{acl}");
        Assert.Equal(dev.Config.LogRetentionDays, logGroup["RetentionInDays"]!.GetValue<int>());

        var logging = Single(dev, stack, "AWS::WAFv2::LoggingConfiguration");
        Assert.Contains($"aws-waf-logs-{acl}", logging["LogDestinationConfigs"]!.ToJsonString());
        Assert.DoesNotContain(":*", logging["LogDestinationConfigs"]!.ToJsonString());
        var redacted = logging["RedactedFields"]!.AsArray().Select(f => f!["SingleHeader"]!["Name"]!.GetValue<string>()).ToList();
        Assert.Contains("authorization", redacted);
        if (stackName == "Perimeter") Assert.Contains(OriginLock.HeaderName, redacted);
    }

    [Fact]
    public void The_distribution_is_HTTPS_only_uncached_forwards_all_but_Host_and_adds_security_headers()
    {
        var config = Distribution(dev);
        var behavior = config["DefaultCacheBehavior"]!;
        Assert.Equal("redirect-to-https", behavior["ViewerProtocolPolicy"]!.GetValue<string>());
        // AWS managed policies: CachingDisabled and AllViewerExceptHostHeader.
        Assert.Equal("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", behavior["CachePolicyId"]!.GetValue<string>());
        Assert.Equal("b689b0a8-53d0-40ab-baf2-68738e2966ac", behavior["OriginRequestPolicyId"]!.GetValue<string>());
        Assert.Equal(7, behavior["AllowedMethods"]!.AsArray().Count);
        Assert.NotNull(behavior["ResponseHeadersPolicyId"]!["Ref"]);

        var headers = Single(dev, dev.Stacks.Perimeter, "AWS::CloudFront::ResponseHeadersPolicy")["ResponseHeadersPolicyConfig"]!["SecurityHeadersConfig"]!;
        Assert.Equal(63072000, headers["StrictTransportSecurity"]!["AccessControlMaxAgeSec"]!.GetValue<int>());
        Assert.True(headers["StrictTransportSecurity"]!["IncludeSubdomains"]!.GetValue<bool>());
        Assert.Equal("DENY", headers["FrameOptions"]!["FrameOption"]!.GetValue<string>());
        Assert.Equal("no-referrer", headers["ReferrerPolicy"]!["ReferrerPolicy"]!.GetValue<string>());
        Assert.Contains("default-src 'none'", headers["ContentSecurityPolicy"]!["ContentSecurityPolicy"]!.GetValue<string>());
        Assert.NotNull(headers["ContentTypeOptions"]);
    }

    [Fact]
    public void The_distribution_logs_has_the_edge_web_ACL_and_reaches_the_origin_over_TLS_1_2_only()
    {
        var config = Distribution(dev);
        Assert.Contains("AccessLogs", config["Logging"]!["Bucket"]!.ToJsonString());
        Assert.Contains("EdgeWebAcl", config["WebACLId"]!.ToJsonString());
        var origin = Assert.Single(config["Origins"]!.AsArray())!;
        Assert.Equal("https-only", origin["CustomOriginConfig"]!["OriginProtocolPolicy"]!.GetValue<string>());
        Assert.Equal(["TLSv1.2"], origin["CustomOriginConfig"]!["OriginSSLProtocols"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Contains(".execute-api.", origin["DomainName"]!.ToJsonString());
    }

    [Fact]
    public void The_access_log_bucket_is_private_encrypted_TLS_only_versioned_and_expires_logs_and_old_versions()
    {
        var bucket = Single(dev, dev.Stacks.Perimeter, "AWS::S3::Bucket");
        Assert.True(bucket["PublicAccessBlockConfiguration"]!["BlockPublicAcls"]!.GetValue<bool>());
        Assert.Equal("AES256", bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>());
        Assert.Equal("Enabled", bucket["VersioningConfiguration"]!["Status"]!.GetValue<string>());
        var rule = Assert.Single(bucket["LifecycleConfiguration"]!["Rules"]!.AsArray())!;
        Assert.Equal(dev.Config.LogRetentionDays, rule["ExpirationInDays"]!.GetValue<int>());
        Assert.Equal(ApiDistribution.NoncurrentLogVersionDays, rule["NoncurrentVersionExpiration"]!["NoncurrentDays"]!.GetValue<int>());
        Assert.Contains("aws:SecureTransport", Single(dev, dev.Stacks.Perimeter, "AWS::S3::BucketPolicy").ToJsonString());
    }

    [Fact]
    public void A_custom_domain_brings_its_certificate_and_TLSv1_2_2021_and_countries_restrict()
    {
        var config = Distribution(variant);
        Assert.Equal(["api.petstore.example"], config["Aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("TLSv1.2_2021", config["ViewerCertificate"]!["MinimumProtocolVersion"]!.GetValue<string>());
        Assert.Equal("sni-only", config["ViewerCertificate"]!["SslSupportMethod"]!.GetValue<string>());
        Assert.Equal("whitelist", config["Restrictions"]!["GeoRestriction"]!["RestrictionType"]!.GetValue<string>());
        Assert.Null(Distribution(dev)["ViewerCertificate"]);
    }

    [Fact]
    public void The_origin_lock_blocks_by_default_with_a_JSON_403_and_allows_only_the_secret_header()
    {
        Assert.Equal("REGIONAL", OriginAcl["Scope"]!.GetValue<string>());
        var block = OriginAcl["DefaultAction"]!["Block"]!["CustomResponse"]!;
        Assert.Equal(403, block["ResponseCode"]!.GetValue<int>());
        Assert.Equal("{\"message\":\"Forbidden\"}", OriginAcl["CustomResponseBodies"]![block["CustomResponseBodyKey"]!.GetValue<string>()]!["Content"]!.GetValue<string>());

        var rule = Assert.Single(OriginAcl["Rules"]!.AsArray())!;
        Assert.NotNull(rule["Action"]!["Allow"]);
        var matches = rule["Statement"]!["OrStatement"]!["Statements"]!.AsArray().Select(s => s!["ByteMatchStatement"]!).ToList();
        Assert.Equal(2, matches.Count);
        Assert.All(matches, m =>
        {
            Assert.Equal(OriginLock.HeaderName, m["FieldToMatch"]!["SingleHeader"]!["Name"]!.GetValue<string>());
            Assert.Equal("EXACTLY", m["PositionalConstraint"]!.GetValue<string>());
            Assert.Contains("{{resolve:secretsmanager:", m["SearchString"]!.ToJsonString());
        });
    }

    [Fact]
    public void The_origin_lock_guards_the_API_stage()
    {
        var association = Single(dev, dev.Stacks.Perimeter, "AWS::WAFv2::WebACLAssociation");
        Assert.Contains("OriginLockWebAcl", association["WebACLArn"]!.ToJsonString());
        var target = association["ResourceArn"]!.ToJsonString();
        Assert.Contains(":apigateway:", target);
        Assert.Contains("/stages/", target);
        Assert.Contains("PetStore-dev-Api", target);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("variant")]
    public void CloudFront_sends_the_active_slots_secret_which_the_origin_lock_accepts(string which)
    {
        SynthesizedApp app = which == "dev" ? dev : variant;
        var secrets = app.Resources(app.Stacks.Perimeter, "AWS::SecretsManager::Secret").Keys.ToList();
        var origin = Single(app, app.Stacks.Perimeter, "AWS::CloudFront::Distribution")["DistributionConfig"]!["Origins"]![0]!;
        var header = origin["OriginCustomHeaders"]!.AsArray().Single(h => h!["HeaderName"]!.GetValue<string>() == OriginLock.HeaderName)!;
        var sent = secrets.Single(s => header["HeaderValue"]!.ToJsonString().Contains(s));

        var slot = app.Config.Perimeter.OriginSecret;
        var expected = slot.Active == "a" ? $"OriginSecretA{slot.GenerationA}" : $"OriginSecretB{slot.GenerationB}";
        Assert.Contains(expected, sent);
        var accepted = Single(app, app.Stacks.Perimeter, "AWS::WAFv2::WebACL").ToJsonString();
        Assert.All(secrets, s => Assert.Contains(s, accepted));
    }

    [Fact]
    public void Secrets_are_generated_not_written_in_the_templates()
    {
        foreach (var secret in dev.Resources(dev.Stacks.Perimeter, "AWS::SecretsManager::Secret").Values)
        {
            Assert.Null(secret["Properties"]!["SecretString"]);
            Assert.True(secret["Properties"]!["GenerateSecretString"]!["PasswordLength"]!.GetValue<int>() >= 32);
        }
    }
}
