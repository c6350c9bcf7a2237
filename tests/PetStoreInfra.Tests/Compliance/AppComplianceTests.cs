using PetStoreInfra.Compliance;
using PetStoreInfra.Constructs;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Compliance;

/// <summary>The whole app, as synthesized, against the pack.</summary>
public class AppComplianceTests(DevApp dev, ProdApp prod, VariantApp variant)
{
    [Fact]
    public void Dev_has_no_unsuppressed_findings() =>
        Assert.DoesNotContain(dev.Compliance.Findings, f => f.Status == FindingStatus.Failed);

    [Fact]
    public void Prod_has_no_unsuppressed_findings() =>
        Assert.DoesNotContain(prod.Compliance.Findings, f => f.Status == FindingStatus.Failed);

    [Fact]
    public void Every_suppression_in_the_app_gives_a_reason()
    {
        var suppressions = Suppressions.All(dev.App).ToList();
        Assert.NotEmpty(suppressions);
        Assert.All(suppressions, s => Assert.True(s.Reason.Length >= 20, $"{s.RuleId} at {s.Path}: '{s.Reason}'"));
    }

    [Fact]
    public void Prod_suppresses_less_than_dev_because_it_reserves_concurrency_and_enforces_threat_protection()
    {
        var devRules = dev.Compliance.Findings.Where(f => f.Status == FindingStatus.Suppressed).Select(f => f.RuleId).ToHashSet();
        var prodRules = prod.Compliance.Findings.Where(f => f.Status == FindingStatus.Suppressed).Select(f => f.RuleId).ToHashSet();
        Assert.Contains("PetStore-LMB-ReservedConcurrency", devRules);
        Assert.Contains("PetStore-COG-ThreatProtection", devRules);
        Assert.DoesNotContain("PetStore-LMB-ReservedConcurrency", prodRules);
        Assert.DoesNotContain("PetStore-COG-ThreatProtection", prodRules);
    }

    [Fact]
    public void A_custom_domain_and_country_list_remove_the_CloudFront_acknowledgements()
    {
        var dev_ = Suppressions.All(dev.App).Select(s => s.RuleId).ToList();
        var variant_ = Suppressions.All(variant.App).Select(s => s.RuleId).ToList();
        Assert.Contains("AwsSolutions-CFR4", dev_);
        Assert.Contains("AwsSolutions-CFR1", dev_);
        Assert.DoesNotContain("AwsSolutions-CFR4", variant_);
        Assert.DoesNotContain("AwsSolutions-CFR1", variant_);
        Assert.DoesNotContain(variant.Compliance.Findings, f => f.Status == FindingStatus.Failed);
    }

    [Fact]
    public void The_wildcard_suppressions_cover_only_the_actions_AWS_cannot_scope()
    {
        var wildcards = dev.Compliance.Findings.Where(f => f.RuleId == CompliancePack.WildcardResourceActions).ToList();
        Assert.NotEmpty(wildcards);
        Assert.All(wildcards.SelectMany(f => f.Items), item =>
            Assert.Contains(item, new[] { "xray:PutTraceSegments", "xray:PutTelemetryRecords", "logs:CreateLogGroup", "logs:CreateLogStream",
                "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:DescribeLogGroups" }));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void CDKs_own_cross_region_handlers_meet_our_function_standard(string environment)
    {
        SynthesizedApp app = environment == "dev" ? dev : prod;
        foreach (var stack in new Amazon.CDK.Stack[] { app.Stacks.Edge, app.Stacks.Perimeter })
        {
            var functions = app.Resources(stack, "AWS::Lambda::Function").Values.Select(f => f["Properties"]!).ToList();
            Assert.NotEmpty(functions);
            var logGroups = app.Resources(stack, "AWS::Logs::LogGroup");
            Assert.All(functions, f =>
            {
                Assert.Equal(CdkProviderHardening.Runtime, f["Runtime"]!.GetValue<string>());
                Assert.Equal("Active", f["TracingConfig"]!["Mode"]!.GetValue<string>());
                var logGroup = logGroups[f["LoggingConfig"]!["LogGroup"]!["Ref"]!.GetValue<string>()];
                Assert.Equal(app.Config.LogRetentionDays, logGroup["Properties"]!["RetentionInDays"]!.GetValue<int>());
            });
            Assert.All(app.Resources(stack, "AWS::IAM::Role").Values, role =>
            {
                Assert.Null(role["Properties"]!["ManagedPolicyArns"]);
                var statements = role["Properties"]!["Policies"]!.AsArray().SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray()).ToList();
                Assert.Contains(statements, s => s!["Action"]!.ToJsonString().Contains("logs:PutLogEvents") && s["Resource"]!.ToJsonString().Contains("Fn::GetAtt"));
            });
        }
    }
}
