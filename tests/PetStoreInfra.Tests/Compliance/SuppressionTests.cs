using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Tests.Compliance;

/// <summary>How findings are accepted (with a reason), reported, and how unaccepted errors stop synth.</summary>
public class SuppressionTests
{
    private const string Rule = "PetStore-DDB-KmsEncryption";
    private const string OpenTable = """{"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [], "SSESpecification": {"SSEEnabled": false}}}}""";

    [Fact]
    public void A_suppression_names_rule_scope_and_reason_and_turns_the_finding_into_a_suppressed_one()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Suppressions.Add(stack.Node.FindChild("Table"), Rule, "Scratch table rebuilt from source on every deploy.");

        var finding = Assert.Single(new ComplianceChecker().Check(stack), f => f.RuleId == Rule);

        Assert.Equal(FindingStatus.Suppressed, finding.Status);
        Assert.Equal("Scratch table rebuilt from source on every deploy.", finding.Reason);
    }

    [Fact]
    public void A_suppression_on_a_scope_covers_everything_below_it_and_nothing_else()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Suppressions.Add(stack, Rule, "Every table in this stack is a cache of public data.");
        var other = CompliancePackTests.StackOf(OpenTable);

        Assert.Equal(FindingStatus.Suppressed, new ComplianceChecker().Check(stack).Single(f => f.RuleId == Rule).Status);
        Assert.Equal(FindingStatus.Failed, new ComplianceChecker().Check(other).Single(f => f.RuleId == Rule).Status);
    }

    [Fact]
    public void An_item_level_suppression_does_not_hide_a_new_wildcard_in_the_same_policy()
    {
        const string policy = """
            {"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": [
              {"Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"}%EXTRA%]}}}}
            """;
        var covered = CompliancePackTests.StackOf(policy.Replace("%EXTRA%", ""));
        Suppressions.Add(covered, CompliancePack.WildcardResourceActions, "X-Ray has no resource-level permissions.", "xray:PutTraceSegments");
        var widened = CompliancePackTests.StackOf(policy.Replace("%EXTRA%", """, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"""));
        Suppressions.Add(widened, CompliancePack.WildcardResourceActions, "X-Ray has no resource-level permissions.", "xray:PutTraceSegments");

        Assert.Equal(FindingStatus.Suppressed, new ComplianceChecker().Check(covered).Single().Status);
        var failed = new ComplianceChecker().Check(widened).Single();
        Assert.Equal(FindingStatus.Failed, failed.Status);
        Assert.Contains("s3:GetObject", failed.Items);
    }

    [Fact]
    public void Suppressing_an_unknown_rule_or_without_a_reason_is_refused()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Assert.Throws<ArgumentException>(() => Suppressions.Add(stack, "PetStore-DDB-KmsEncryptionn", "A typo would silently suppress nothing."));
        Assert.Throws<ArgumentException>(() => Suppressions.Add(stack, "DDB-PITR", "An id that is neither ours nor cdk-nag's."));
        Assert.Throws<ArgumentException>(() => Suppressions.Add(stack, Rule, " "));
        Assert.Throws<ArgumentException>(() => Suppressions.Add(stack, "AwsSolutions-DDB3", "too short"));
    }

    [Fact]
    public void An_unsuppressed_error_fails_synth_and_a_suppressed_one_does_not()
    {
        var app = new App();
        var failing = new Stack(app, "Failing");
        _ = new CfnResource(failing, "Table", new CfnResourceProps { Type = "AWS::DynamoDB::Table", Properties = new Dictionary<string, object> { ["KeySchema"] = Array.Empty<object>() } });
        var accepted = new Stack(app, "Accepted");
        var table = new CfnResource(accepted, "Table", new CfnResourceProps { Type = "AWS::DynamoDB::Table", Properties = new Dictionary<string, object> { ["KeySchema"] = Array.Empty<object>() } });
        Suppressions.Add(table, Rule, "Accepted for this test, with a reason.");
        var aspect = new ComplianceAspect(new ComplianceChecker());
        Aspects.Of(app).Add(aspect);

        app.Synth();

        Amazon.CDK.Assertions.Annotations.FromStack(failing).HasError("/Failing/Table", Match.StringLikeRegexp("\\[PetStore-DDB-KmsEncryption\\]"));
        Amazon.CDK.Assertions.Annotations.FromStack(accepted).HasNoError("*", Match.AnyValue());
        Assert.Equal(1, aspect.Findings.Count(f => f.Status == FindingStatus.Failed));
    }

    [Fact]
    public void The_report_lists_failures_suppressions_with_reasons_and_every_rule()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Suppressions.Add(stack.Node.FindChild("Table"), Rule, "Scratch table rebuilt from source on every deploy.");
        var findings = new ComplianceChecker().Check(stack);

        var report = ComplianceReport.Build(CompliancePack.Rules, findings, stack);

        Assert.Equal(0, report["summary"]!["failed"]!.GetValue<int>());
        Assert.Equal(1, report["summary"]!["suppressed"]!.GetValue<int>());
        Assert.Equal(CompliancePack.Rules.Count, report["rules"]!.AsArray().Count);
        var suppression = Assert.Single(report["suppressions"]!.AsArray())!;
        Assert.Equal(Rule, suppression["rule"]!.GetValue<string>());
        Assert.EndsWith("/Table", suppression["scope"]!.GetValue<string>());
        Assert.Equal("Scratch table rebuilt from source on every deploy.", suppression["reason"]!.GetValue<string>());
        Assert.Equal(JsonNode.Parse(report.ToJsonString())!.ToJsonString(), ComplianceReport.Build(CompliancePack.Rules, findings, stack).ToJsonString());
    }

    [Fact]
    public void Suppressions_are_written_into_the_template_as_cdk_nag_metadata_for_every_resource_below_their_scope()
    {
        var app = new App();
        var stack = new Stack(app, "Written");
        var table = new CfnResource(stack, "Table", new CfnResourceProps { Type = "AWS::DynamoDB::Table", Properties = new Dictionary<string, object> { ["KeySchema"] = Array.Empty<object>() } });
        _ = new CfnResource(stack, "Bucket", new CfnResourceProps { Type = "AWS::S3::Bucket" });
        Suppressions.Add(stack, "AwsSolutions-S1", "Every bucket of this stack holds access logs already.");
        Suppressions.Add(stack, Rule, "Every table of this stack is a cache of public data.");
        Suppressions.Add(table, NagRuleIds.IamWildcards, "Only to show how finding ids are written.", "Resource::*", "Action::s3:Get*");
        PreparedStackHook.Add(stack, () => NagMetadata.Write(stack));

        var resources = JsonNode.Parse(JsonSerializer.Serialize(Template.FromStack(stack).ToJSON()))!["Resources"]!;
        JsonArray Entries(string id) => resources[id]!["Metadata"]!["cdk_nag"]!["rules_to_suppress"]!.AsArray();

        var onTable = Entries("Table");
        Assert.Equal(["AwsSolutions-IAM5", "AwsSolutions-S1", Rule], onTable.Select(e => e!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var iam = onTable.Single(e => e!["id"]!.GetValue<string>() == "AwsSolutions-IAM5")!;
        Assert.Equal("Only to show how finding ids are written.", iam["reason"]!.GetValue<string>());
        Assert.Equal(["Resource::*", "Action::s3:Get*"], iam["applies_to"]!.AsArray().Select(a => a!.GetValue<string>()));
        // cdk-nag's suppressions reach every resource below the scope; ours only the resources of the type the rule inspects.
        var onBucket = Entries("Bucket");
        Assert.Equal(["AwsSolutions-S1"], onBucket.Select(e => e!["id"]!.GetValue<string>()));
        Assert.Null(onBucket[0]!["applies_to"]);
    }

    [Fact]
    public void The_report_lists_cdk_nag_acknowledgements_beside_our_suppressions()
    {
        var stack = CompliancePackTests.StackOf(OpenTable);
        Suppressions.Add(stack.Node.FindChild("Table"), "AwsSolutions-DDB3", "Scratch table rebuilt from source on every deploy.");
        Suppressions.Add(stack.Node.FindChild("Table"), Rule, "Scratch table rebuilt from source on every deploy.");

        var report = ComplianceReport.Build(CompliancePack.Rules, new ComplianceChecker().Check(stack), stack);

        Assert.Equal(1, report["summary"]!["cdkNagAcknowledgements"]!.GetValue<int>());
        Assert.Equal(1, report["summary"]!["suppressions"]!.GetValue<int>());
        var nag = Assert.Single(report["suppressions"]!.AsArray(), s => s!["rule"]!.GetValue<string>() == "AwsSolutions-DDB3")!;
        Assert.Equal("cdk-nag", nag["checkedBy"]!.GetValue<string>());
    }
}
