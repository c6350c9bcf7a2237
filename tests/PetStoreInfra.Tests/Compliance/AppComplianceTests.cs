using PetStoreInfra.Compliance;
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
        Assert.Contains("LMB-ReservedConcurrency", devRules);
        Assert.Contains("COG-ThreatProtection", devRules);
        Assert.DoesNotContain("LMB-ReservedConcurrency", prodRules);
        Assert.DoesNotContain("COG-ThreatProtection", prodRules);
    }

    [Fact]
    public void A_custom_domain_and_country_list_remove_the_CloudFront_suppressions()
    {
        var suppressed = variant.Compliance.Findings.Where(f => f.Status == FindingStatus.Suppressed).Select(f => f.RuleId).ToList();
        Assert.DoesNotContain("CFR-TLS", suppressed);
        Assert.DoesNotContain("CFR-GeoRestriction", suppressed);
        Assert.DoesNotContain(variant.Compliance.Findings, f => f.Status == FindingStatus.Failed);
    }

    [Fact]
    public void The_wildcard_suppressions_cover_only_the_actions_AWS_cannot_scope()
    {
        var wildcards = dev.Compliance.Findings.Where(f => f.RuleId == "IAM-NoWildcardResources").ToList();
        Assert.NotEmpty(wildcards);
        Assert.All(wildcards.SelectMany(f => f.Items), item =>
            Assert.Contains(item, new[] { "xray:PutTraceSegments", "xray:PutTelemetryRecords", "logs:CreateLogGroup", "logs:CreateLogStream",
                "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:DescribeLogGroups" }));
    }

    [Fact]
    public void CDKs_own_cross_region_handlers_run_on_a_supported_Node_runtime()
    {
        foreach (var stack in new Amazon.CDK.Stack[] { dev.Stacks.Edge, dev.Stacks.Perimeter })
        {
            var runtimes = dev.Resources(stack, "AWS::Lambda::Function").Values.Select(f => f["Properties"]!["Runtime"]!.GetValue<string>()).ToList();
            Assert.NotEmpty(runtimes);
            Assert.All(runtimes, r => Assert.Equal("nodejs22.x", r));
        }
    }
}
