using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Tests.Compliance;

/// <summary>How findings are accepted (with a reason), reported, and how unaccepted errors stop synth.</summary>
public class SuppressionTests
{
    private const string OpenTable = """{"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [], "SSESpecification": {"SSEEnabled": true}}}}""";

    [Fact]
    public void A_suppression_names_rule_scope_and_reason_and_turns_the_finding_into_a_suppressed_one()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Suppressions.Add(stack.Node.FindChild("Table"), "DDB-PITR", "Scratch table rebuilt from source on every deploy.");

        var finding = Assert.Single(new ComplianceChecker().Check(stack), f => f.RuleId == "DDB-PITR");

        Assert.Equal(FindingStatus.Suppressed, finding.Status);
        Assert.Equal("Scratch table rebuilt from source on every deploy.", finding.Reason);
    }

    [Fact]
    public void A_suppression_on_a_scope_covers_everything_below_it_and_nothing_else()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Suppressions.Add(stack, "DDB-PITR", "Every table in this stack is a cache.");
        var other = CompliancePackTests.StackOf(OpenTable);

        Assert.Equal(FindingStatus.Suppressed, new ComplianceChecker().Check(stack).Single(f => f.RuleId == "DDB-PITR").Status);
        Assert.Equal(FindingStatus.Failed, new ComplianceChecker().Check(other).Single(f => f.RuleId == "DDB-PITR").Status);
    }

    [Fact]
    public void An_item_level_suppression_does_not_hide_a_new_wildcard_in_the_same_policy()
    {
        const string policy = """
            {"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": [
              {"Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"}%EXTRA%]}}}}
            """;
        var covered = CompliancePackTests.StackOf(policy.Replace("%EXTRA%", ""));
        Suppressions.Add(covered, "IAM-NoWildcardResources", "X-Ray has no resource-level permissions.", "xray:PutTraceSegments");
        var widened = CompliancePackTests.StackOf(policy.Replace("%EXTRA%", """, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"""));
        Suppressions.Add(widened, "IAM-NoWildcardResources", "X-Ray has no resource-level permissions.", "xray:PutTraceSegments");

        Assert.Equal(FindingStatus.Suppressed, new ComplianceChecker().Check(covered).Single().Status);
        var failed = new ComplianceChecker().Check(widened).Single();
        Assert.Equal(FindingStatus.Failed, failed.Status);
        Assert.Contains("s3:GetObject", failed.Items);
    }

    [Fact]
    public void Suppressing_an_unknown_rule_or_without_a_reason_is_refused()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Assert.Throws<ArgumentException>(() => Suppressions.Add(stack, "DDB-PITRR", "A typo would silently suppress nothing."));
        Assert.Throws<ArgumentException>(() => Suppressions.Add(stack, "DDB-PITR", " "));
    }

    [Fact]
    public void An_unsuppressed_error_fails_synth_and_a_suppressed_one_does_not()
    {
        var app = new App();
        var failing = new Stack(app, "Failing");
        _ = new CfnResource(failing, "Table", new CfnResourceProps { Type = "AWS::DynamoDB::Table", Properties = new Dictionary<string, object> { ["KeySchema"] = Array.Empty<object>() } });
        var accepted = new Stack(app, "Accepted");
        var table = new CfnResource(accepted, "Table", new CfnResourceProps { Type = "AWS::DynamoDB::Table", Properties = new Dictionary<string, object> { ["KeySchema"] = Array.Empty<object>() } });
        Suppressions.Add(table, "DDB-PITR", "Accepted for this test, with a reason.");
        Suppressions.Add(table, "DDB-Encryption", "Accepted for this test, with a reason.");
        var aspect = new ComplianceAspect(new ComplianceChecker());
        Aspects.Of(app).Add(aspect);

        app.Synth();

        Amazon.CDK.Assertions.Annotations.FromStack(failing).HasError("/Failing/Table", Match.StringLikeRegexp("\\[DDB-PITR\\]"));
        Amazon.CDK.Assertions.Annotations.FromStack(failing).HasError("/Failing/Table", Match.StringLikeRegexp("\\[DDB-Encryption\\]"));
        Amazon.CDK.Assertions.Annotations.FromStack(accepted).HasNoError("*", Match.AnyValue());
        Assert.Equal(2, aspect.Findings.Count(f => f.Status == FindingStatus.Failed));
    }

    [Fact]
    public void The_report_lists_failures_suppressions_with_reasons_and_every_rule()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Suppressions.Add(stack.Node.FindChild("Table"), "DDB-PITR", "Scratch table rebuilt from source on every deploy.");
        var findings = new ComplianceChecker().Check(stack);

        var report = ComplianceReport.Build(CompliancePack.Rules, findings, stack);

        Assert.Equal(0, report["summary"]!["failed"]!.GetValue<int>());
        Assert.Equal(1, report["summary"]!["suppressed"]!.GetValue<int>());
        Assert.Equal(CompliancePack.Rules.Count, report["rules"]!.AsArray().Count);
        var suppression = Assert.Single(report["suppressions"]!.AsArray())!;
        Assert.Equal("DDB-PITR", suppression["rule"]!.GetValue<string>());
        Assert.EndsWith("/Table", suppression["scope"]!.GetValue<string>());
        Assert.Equal("Scratch table rebuilt from source on every deploy.", suppression["reason"]!.GetValue<string>());
        Assert.Equal(JsonNode.Parse(report.ToJsonString())!.ToJsonString(), ComplianceReport.Build(CompliancePack.Rules, findings, stack).ToJsonString());
    }
}
