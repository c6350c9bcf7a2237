using System.Text.Json.Nodes;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.ExternalCheckers;

/// <summary>
/// The real cdk-nag (npm cdk-nag, AwsSolutions and Serverless packs) through tools/gates/cdk-nag.mjs, the runner CI's
/// template gate uses: over every synthesized app, and over small templates that show what it accepts and refuses.
/// All of it is one Node process per test run (loading aws-cdk-lib costs seconds), whose per-assembly reports the
/// tests read.
/// </summary>
public class CdkNagTests(DevApp dev, ProdApp prod, VariantApp variant)
{
    private const string Runner = "tools/gates/cdk-nag.mjs";
    private static readonly Lock Gate = new();
    private static NagRun? _run;

    private sealed record NagRun(string Output, string Open, string Accepted, string Stale);

    private NagRun Run()
    {
        lock (Gate)
        {
            if (_run is not null) return _run;
            var root = Directory.CreateTempSubdirectory("petstore-nag-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
            var (open, accepted, stale) = SmallTemplates(root);
            var (_, output) = ExternalTool.Run("node", dev.Layout.Root, [Runner, dev.Outdir, prod.Outdir, variant.Outdir, open, accepted, stale]);
            return _run = new NagRun(output, open, accepted, stale);
        }
    }

    [Fact]
    public void Every_app_has_no_unacknowledged_cdk_nag_finding_and_no_stale_acknowledgement()
    {
        var output = Run().Output;
        foreach (var app in new SynthesizedApp[] { dev, prod, variant })
        {
            var report = Report(app.Outdir);
            Assert.True(report["summary"]!["failed"]!.GetValue<int>() == 0, output);
            Assert.True(report["summary"]!["staleAcknowledgements"]!.GetValue<int>() == 0, output);
            var acknowledged = report["acknowledged"]!.AsArray();
            Assert.NotEmpty(acknowledged);
            Assert.All(acknowledged, a => Assert.True(a!["reason"]!.GetValue<string>().Length >= 20, a.ToJsonString()));
        }
    }

    [Fact]
    public void Only_a_finding_acknowledged_in_the_template_metadata_passes_and_an_acknowledgement_that_matches_nothing_fails()
    {
        var run = Run();

        var failed = Report(run.Open)["failed"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).ToList();
        Assert.Contains("AwsSolutions-SNS3", failed);
        Assert.Contains("AwsSolutions-IAM5[Resource::*]", failed);
        Assert.Contains("ERROR AwsSolutions-SNS3", run.Output);

        var passed = Report(run.Accepted);
        Assert.Equal(0, passed["summary"]!["failed"]!.GetValue<int>());
        Assert.Equal(0, passed["summary"]!["staleAcknowledgements"]!.GetValue<int>());
        var iam = Assert.Single(passed["acknowledged"]!.AsArray(), a => a!["rule"]!.GetValue<string>() == "AwsSolutions-IAM5[Resource::*]")!;
        Assert.Equal("X-Ray has no resource-level permissions.", iam["reason"]!.GetValue<string>());

        var withStale = Report(run.Stale);
        Assert.Equal(0, withStale["summary"]!["failed"]!.GetValue<int>());
        Assert.Equal("AwsSolutions-S1", Assert.Single(withStale["staleAcknowledgements"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Contains("STALE acknowledgement AwsSolutions-S1", run.Output);
    }

    /// <summary>
    /// A topic that accepts publishing without TLS (AwsSolutions-SNS3) and a policy on every resource (IAM5): left
    /// open, acknowledged in the metadata, and acknowledged plus an acknowledgement that matches nothing.
    /// </summary>
    private static (string Open, string Accepted, string Stale) SmallTemplates(string root)
    {
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
        return (
            Assembly(root, "open", Resources.Replace("%TOPIC%", "").Replace("%POLICY%", "")),
            Assembly(root, "accepted", Resources.Replace("%TOPIC%", TopicAck).Replace("%POLICY%", PolicyAck)),
            Assembly(root, "stale", Resources.Replace("%TOPIC%", TopicAndStaleAck).Replace("%POLICY%", PolicyAck)));
    }

    private static string Assembly(string root, string name, string resources)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        File.WriteAllText(Path.Combine(folder, $"{name}.template.json"), "{\"Resources\": {" + resources + "}}");
        return folder;
    }

    private static JsonNode Report(string assembly) => JsonNode.Parse(File.ReadAllText(Path.Combine(assembly, "cdk-nag-report.json")))!;
}
