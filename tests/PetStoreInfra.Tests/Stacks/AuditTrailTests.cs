using System.Text.Json.Nodes;
using PetStoreInfra.Constructs;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

/// <summary>The trail of the policy store's decisions (cdk.json's <c>auditTrail</c>), and the bucket and key that hold it.</summary>
public class AuditTrailTests(DevApp dev, ProdApp prod, VariantApp variant)
{
    public static TheoryData<string> Apps => ["dev", "prod", "variant"];

    /// <summary>The apps that enable the trail: one where the environment keeps data and one where it does not.</summary>
    public static TheoryData<string> AppsWithTrail => ["prod", "variant"];

    private SynthesizedApp App(string name) => name switch { "dev" => dev, "prod" => prod, _ => variant };

    /// <summary>The one trail of an app where the environment enables it, with its bucket and key, from the Authorization stack's template.</summary>
    private static (JsonObject Trail, JsonObject Bucket, JsonObject Key, JsonObject Resources) Deployed(SynthesizedApp app)
    {
        var resources = app.TemplateJson(app.Stacks.Authorization)["Resources"]!.AsObject();
        var trail = Assert.Single(app.Resources(app.Stacks.Authorization, "AWS::CloudTrail::Trail").Values);
        var bucket = resources[trail["Properties"]!["S3BucketName"]!["Ref"]!.GetValue<string>()]!.AsObject();
        var key = resources[trail["Properties"]!["KMSKeyId"]!["Fn::GetAtt"]![0]!.GetValue<string>()]!.AsObject();
        return (trail, bucket, key, resources);
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void There_is_a_trail_exactly_where_the_environment_enables_it_and_only_in_the_Authorization_stack(string name)
    {
        var app = App(name);
        var trails = app.AllStacks.SelectMany(stack => app.Resources(stack, "AWS::CloudTrail::Trail").Select(_ => stack.StackName)).ToList();

        Assert.Equal(app.Config.AuditTrail.Enabled ? [app.Stacks.Authorization.StackName] : [], trails);
        Assert.Equal(app.Config.AuditTrail.Enabled, app.Stacks.Authorization.AuditTrail is not null);
        if (!app.Config.AuditTrail.Enabled)
        {
            Assert.Empty(app.Resources(app.Stacks.Authorization, "AWS::S3::Bucket"));
            Assert.Empty(app.Resources(app.Stacks.Authorization, "AWS::KMS::Key"));
        }
    }

    [Fact]
    public void The_trail_records_every_data_event_on_this_apps_policy_store_and_nothing_else()
    {
        var (trail, _, _, _) = Deployed(prod);
        var selector = Assert.Single(trail["Properties"]!["AdvancedEventSelectors"]!.AsArray())!;
        var fields = selector["FieldSelectors"]!.AsArray().ToDictionary(f => f!["Field"]!.GetValue<string>(), f => f!);
        var store = Assert.Single(prod.Resources(prod.Stacks.Authorization, "AWS::VerifiedPermissions::PolicyStore").Keys);

        // Only these three fields, each an exact match: data events, of Verified Permissions, on this store; so no management events.
        Assert.Equal(["eventCategory", "resources.ARN", "resources.type"], fields.Keys.Order());
        Assert.All(fields.Values, f => Assert.Equal(["Equals", "Field"], f.AsObject().Select(p => p.Key).Order()));
        Assert.Equal("""["Data"]""", fields["eventCategory"]["Equals"]!.ToJsonString());
        Assert.Equal($"""["{AuditTrail.PolicyStoreResourceType}"]""", fields["resources.type"]["Equals"]!.ToJsonString());
        Assert.Equal($$"""[{"Fn::GetAtt":["{{store}}","Arn"]}]""", fields["resources.ARN"]["Equals"]!.ToJsonString());
        Assert.Null(trail["Properties"]!["EventSelectors"]);
    }

    [Theory]
    [MemberData(nameof(AppsWithTrail))]
    public void The_trail_validates_and_encrypts_its_log_files_with_a_rotating_key_in_one_region(string name)
    {
        var app = App(name);
        var (trail, _, key, _) = Deployed(app);
        var properties = trail["Properties"]!;

        Assert.True(properties["IsLogging"]!.GetValue<bool>());
        Assert.True(properties["EnableLogFileValidation"]!.GetValue<bool>());
        Assert.False(properties["IsMultiRegionTrail"]!.GetValue<bool>());
        Assert.Contains(app.Config.Name, properties["TrailName"]!.GetValue<string>());
        Assert.Equal("AWS::KMS::Key", key["Type"]!.GetValue<string>());
        Assert.True(key["Properties"]!["EnableKeyRotation"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(AppsWithTrail))]
    public void Log_files_are_locked_for_the_configured_retention_in_a_private_versioned_encrypted_access_logged_bucket(string name)
    {
        var app = App(name);
        var (_, bucket, _, resources) = Deployed(app);
        var properties = bucket["Properties"]!;
        var days = app.Config.AuditTrail.RetentionDays;

        Assert.True(properties["ObjectLockEnabled"]!.GetValue<bool>());
        Assert.Equal($$"""{"Days":{{days}},"Mode":"GOVERNANCE"}""", properties["ObjectLockConfiguration"]!["Rule"]!["DefaultRetention"]!.ToJsonString());
        Assert.Equal("Enabled", properties["VersioningConfiguration"]!["Status"]!.GetValue<string>());
        Assert.NotNull(properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        Assert.All(properties["PublicAccessBlockConfiguration"]!.AsObject(), setting => Assert.True(setting.Value!.GetValue<bool>()));
        // Expired when the lock ends; the locked version goes the day after, not before.
        var rule = Assert.Single(properties["LifecycleConfiguration"]!["Rules"]!.AsArray())!;
        Assert.Equal(days, rule["ExpirationInDays"]!.GetValue<int>());
        Assert.Equal(AuditTrail.ExpiredVersionDays, rule["NoncurrentVersionExpiration"]!["NoncurrentDays"]!.GetValue<int>());
        var accessLogs = resources[properties["LoggingConfiguration"]!["DestinationBucketName"]!["Ref"]!.GetValue<string>()]!;
        Assert.Equal("AWS::S3::Bucket", accessLogs["Type"]!.GetValue<string>());
        Assert.Null(accessLogs["Properties"]!["ObjectLockEnabled"]);
    }

    [Fact]
    public void The_bucket_its_access_logs_and_the_key_outlive_the_stack_whether_or_not_the_environment_keeps_data()
    {
        Assert.NotEqual(prod.Config.RetainData, variant.Config.RetainData);
        foreach (var app in new SynthesizedApp[] { prod, variant })
        {
            var (_, bucket, key, resources) = Deployed(app);
            var accessLogs = resources[bucket["Properties"]!["LoggingConfiguration"]!["DestinationBucketName"]!["Ref"]!.GetValue<string>()]!;

            // Object lock would make deleting the bucket fail, and deleting the key would make the kept files unreadable.
            Assert.All(new[] { bucket, key, accessLogs }, resource => Assert.Equal("Retain", resource!["DeletionPolicy"]!.GetValue<string>()));
        }
    }

    [Theory]
    [MemberData(nameof(AppsWithTrail))]
    public void CloudTrail_may_write_to_the_bucket_and_use_the_key_only_for_this_trail_and_the_trail_waits_for_the_bucket_policy(string name)
    {
        var app = App(name);
        var (trail, bucket, key, resources) = Deployed(app);
        var trailName = trail["Properties"]!["TrailName"]!.GetValue<string>();
        var bucketId = resources.Single(r => ReferenceEquals(r.Value, bucket)).Key;
        var bucketPolicy = resources.Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::S3::BucketPolicy"
            && r.Value["Properties"]!["Bucket"]!["Ref"]?.GetValue<string>() == bucketId);

        var statements = bucketPolicy.Value!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Concat(key["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray())
            .Where(s => s!["Principal"]!["Service"]?.GetValue<string>() == "cloudtrail.amazonaws.com").ToList();
        Assert.Equal(4, statements.Count);
        Assert.All(statements, s => Assert.EndsWith($":trail/{trailName}\"]]}}", s!["Condition"]!["StringEquals"]!["aws:SourceArn"]!.ToJsonString()));
        Assert.Contains(bucketPolicy.Key, trail["DependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }
}
