using Amazon.CDK;
using Amazon.CDK.AWS.CloudTrail;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace PetStoreInfra.Constructs;

/// <param name="TrailName">Fixed rather than generated, so that the bucket and key policies can name the trail before it exists.</param>
/// <param name="PolicyStoreArn">The one policy store whose decisions are recorded.</param>
/// <param name="RetentionDays">How long each log file is locked against deletion and kept.</param>
public sealed record AuditTrailProps(string TrailName, string PolicyStoreArn, int RetentionDays);

/// <summary>
/// CloudTrail's record of every decision Verified Permissions makes on one policy store: its data events, which no
/// trail records unless asked. Written to a private, TLS-only, versioned bucket whose object lock keeps each log file
/// unchangeable for the retention (governance mode), encrypted with a rotating key of its own, validated by CloudTrail's
/// signed digests, with server access logs of its own. No management events (the account's own trail is where those
/// belong, and a second copy is billed) and one region: the store is called only in the stack's region.
/// Everything that holds the record is retained when the stack is deleted: object lock would make deleting it fail.
/// </summary>
public sealed class AuditTrail : Construct
{
    /// <summary>
    /// The CloudTrail resource type of Verified Permissions' data events (CloudTrail API Reference, AdvancedFieldSelector,
    /// resources.type; Verified Permissions User Guide, "Logging Amazon Verified Permissions API calls using AWS CloudTrail").
    /// </summary>
    public const string PolicyStoreResourceType = "AWS::VerifiedPermissions::PolicyStore";

    /// <summary>How long a log file stays after its lock ends and it expires: a day, so that nothing outlives the retention for long.</summary>
    public const int ExpiredVersionDays = 1;

    public CfnTrail Trail { get; }
    public IBucket Bucket { get; }
    public IKey Key { get; }

    public AuditTrail(Construct scope, string id, AuditTrailProps props) : base(scope, id)
    {
        var stack = Stack.Of(this);
        var trailArn = stack.FormatArn(new ArnComponents
        {
            Service = "cloudtrail",
            Resource = "trail",
            ResourceName = props.TrailName,
            ArnFormat = ArnFormat.SLASH_RESOURCE_NAME,
        });
        var cloudTrail = new ServicePrincipal("cloudtrail.amazonaws.com");
        var retention = Duration.Days(props.RetentionDays);

        Key = new Key(this, "Key", new KeyProps
        {
            Description = "Encrypts the Pet Store audit trail's log files",
            EnableKeyRotation = true,
            // The retained log files must stay readable.
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        // CloudTrail's own statements (CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail"), for
        // this trail only; readers in the account get kms:Decrypt through IAM, as the key's default policy allows.
        Key.AddToResourcePolicy(Allow(cloudTrail, ["kms:GenerateDataKey*"], "*", new()
        {
            ["aws:SourceArn"] = trailArn,
            ["kms:EncryptionContext:aws:cloudtrail:arn"] = trailArn,
        }));
        Key.AddToResourcePolicy(Allow(cloudTrail, ["kms:DescribeKey"], "*", new() { ["aws:SourceArn"] = trailArn }));

        var accessLogs = new Bucket(this, "AccessLogs", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED, // server access logs are delivered only to SSE-S3 buckets
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = true,
            LifecycleRules =
            [
                new LifecycleRule { Expiration = retention, NoncurrentVersionExpiration = Duration.Days(ApiDistribution.NoncurrentLogVersionDays) },
            ],
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var bucket = new Bucket(this, "Logs", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            // CloudTrail encrypts each log file with the key; its digest files it always writes with SSE-S3.
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = true,
            // Governance mode: nobody without s3:BypassGovernanceRetention (no role of this app has it) can delete or
            // overwrite a log file before its time, yet a mistaken retention can still be undone.
            ObjectLockEnabled = true,
            ObjectLockDefaultRetention = ObjectLockRetention.Governance(retention),
            // Expiring adds a delete marker when the lock ends; the locked version goes the day after.
            LifecycleRules = [new LifecycleRule { Expiration = retention, NoncurrentVersionExpiration = Duration.Days(ExpiredVersionDays) }],
            ServerAccessLogsBucket = accessLogs,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Bucket = bucket;

        // CloudTrail's bucket policy (CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail"), for this trail only.
        bucket.AddToResourcePolicy(Allow(cloudTrail, ["s3:GetBucketAcl"], bucket.BucketArn, new() { ["aws:SourceArn"] = trailArn }));
        bucket.AddToResourcePolicy(Allow(cloudTrail, ["s3:PutObject"], bucket.ArnForObjects($"AWSLogs/{stack.Account}/*"), new()
        {
            ["aws:SourceArn"] = trailArn,
            ["s3:x-amz-acl"] = "bucket-owner-full-control",
        }));

        Trail = new CfnTrail(this, "Trail", new CfnTrailProps
        {
            TrailName = props.TrailName,
            IsLogging = true,
            S3BucketName = bucket.BucketName,
            KmsKeyId = Key.KeyArn,
            EnableLogFileValidation = true,
            IsMultiRegionTrail = false,
            IncludeGlobalServiceEvents = false,
            AdvancedEventSelectors = new object[] { DecisionsOn(props.PolicyStoreArn) },
        });
        // CloudTrail checks that it may write to the bucket when the trail is created.
        Trail.Node.AddDependency(bucket.Policy!);
    }

    /// <summary>
    /// Every data event on the store, whatever its name: the app's IsAuthorized and BatchIsAuthorized calls, and any
    /// IsAuthorizedWithToken or batch of them that someone else makes (no role of this app may), which is worth seeing.
    /// </summary>
    private static CfnTrail.AdvancedEventSelectorProperty DecisionsOn(string policyStoreArn) => new()
    {
        Name = "Verified Permissions decisions on the Pet Store policy store",
        FieldSelectors = new object[]
        {
            new CfnTrail.AdvancedFieldSelectorProperty { Field = "eventCategory", EqualTo = ["Data"] },
            new CfnTrail.AdvancedFieldSelectorProperty { Field = "resources.type", EqualTo = [PolicyStoreResourceType] },
            new CfnTrail.AdvancedFieldSelectorProperty { Field = "resources.ARN", EqualTo = [policyStoreArn] },
        },
    };

    private static PolicyStatement Allow(IPrincipal principal, string[] actions, string resource, Dictionary<string, object> equals) =>
        new(new PolicyStatementProps
        {
            Principals = [principal],
            Actions = actions,
            Resources = [resource],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = equals },
        });
}
