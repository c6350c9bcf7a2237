using System.Text.Json.Nodes;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.ExternalCheckers;

/// <summary>
/// The real cdk-nag (npm cdk-nag, AwsSolutions and Serverless packs) through tools/gates/cdk-nag.mjs, the runner CI's
/// template gate uses: over every synthesized app, and over small templates that show what it accepts and refuses.
/// Each run is one Node process for several cloud assemblies (loading aws-cdk-lib costs seconds).
/// </summary>
public class CdkNagTests(DevApp dev, ProdApp prod, VariantApp variant)
{
    private const string Runner = "tools/gates/cdk-nag.mjs";

    [Fact]
    public void Every_app_has_no_unacknowledged_cdk_nag_finding_and_no_stale_acknowledgement()
    {
        SynthesizedApp[] apps = [dev, prod, variant];

        var (exitCode, output) = ExternalTool.Run("node", dev.Layout.Root, [Runner, .. apps.Select(a => a.Outdir)]);

        Assert.True(exitCode == 0, $"cdk-nag (exit {exitCode}):{Environment.NewLine}{output}");
        foreach (var app in apps)
        {
            var report = Report(app.Outdir);
            Assert.Equal(0, report["summary"]!["failed"]!.GetValue<int>());
            Assert.Equal(0, report["summary"]!["staleAcknowledgements"]!.GetValue<int>());
            var acknowledged = report["acknowledged"]!.AsArray();
            Assert.NotEmpty(acknowledged);
            Assert.All(acknowledged, a => Assert.True(a!["reason"]!.GetValue<string>().Length >= 20, a.ToJsonString()));
        }
    }

    [Fact]
    public void Only_a_finding_acknowledged_in_the_template_metadata_passes_and_an_acknowledgement_that_matches_nothing_fails()
    {
        var root = Directory.CreateTempSubdirectory("petstore-nag-").FullName;
        try
        {
            // A topic that accepts publishing without TLS (AwsSolutions-SNS3) and a role policy on every resource (IAM5).
            const string Resources = """
                "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "t"}%TOPIC%},
                "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
                "Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "Role"}], "PolicyDocument": {"Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Action": "xray:PutTraceSegments", "Resource": "*"}]}}%POLICY%}
                """;
            const string TopicAck = """, "Metadata": {"cdk_nag": {"rules_to_suppress": [{"id": "AwsSolutions-SNS3", "reason": "Accepted for this test with a reason."}]}}""";
            const string PolicyAck = """, "Metadata": {"cdk_nag": {"rules_to_suppress": [{"id": "AwsSolutions-IAM5", "reason": "X-Ray has no resource-level permissions.", "applies_to": ["Resource::*"]}]}}""";
            const string TopicAndStaleAck = """
                , "Metadata": {"cdk_nag": {"rules_to_suppress": [{"id": "AwsSolutions-SNS3", "reason": "Accepted for this test with a reason."},
                  {"id": "AwsSolutions-S1", "reason": "A topic is not a bucket, so this matches nothing."}]}}
                """;
            var open = Assembly(root, "open", Resources.Replace("%TOPIC%", "").Replace("%POLICY%", ""));
            var accepted = Assembly(root, "accepted", Resources.Replace("%TOPIC%", TopicAck).Replace("%POLICY%", PolicyAck));
            var stale = Assembly(root, "stale", Resources.Replace("%TOPIC%", TopicAndStaleAck).Replace("%POLICY%", PolicyAck));

            var (exitCode, output) = ExternalTool.Run("node", dev.Layout.Root, [Runner, open, accepted, stale]);

            Assert.Equal(1, exitCode);
            var failed = Report(open)["failed"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).ToList();
            Assert.Contains("AwsSolutions-SNS3", failed);
            Assert.Contains("AwsSolutions-IAM5[Resource::*]", failed);
            Assert.Contains("AwsSolutions-SNS3", output);

            var passed = Report(accepted);
            Assert.Equal(0, passed["summary"]!["failed"]!.GetValue<int>());
            Assert.Equal(0, passed["summary"]!["staleAcknowledgements"]!.GetValue<int>());
            var iam = Assert.Single(passed["acknowledged"]!.AsArray(), a => a!["rule"]!.GetValue<string>() == "AwsSolutions-IAM5[Resource::*]")!;
            Assert.Equal("X-Ray has no resource-level permissions.", iam["reason"]!.GetValue<string>());

            var withStale = Report(stale);
            Assert.Equal(0, withStale["summary"]!["failed"]!.GetValue<int>());
            Assert.Equal("AwsSolutions-S1", Assert.Single(withStale["staleAcknowledgements"]!.AsArray())!["id"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Assembly(string root, string name, string resources)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        File.WriteAllText(Path.Combine(folder, $"{name}.template.json"), "{\"Resources\": {" + resources + "}}");
        return folder;
    }

    private static JsonNode Report(string assembly) => JsonNode.Parse(File.ReadAllText(Path.Combine(assembly, "cdk-nag-report.json")))!;
}
