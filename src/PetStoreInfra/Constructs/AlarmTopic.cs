using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Constructs;

public sealed record AlarmTopicProps(string? Email);

/// <summary>
/// Where alarms go: an SNS topic encrypted with its own rotating KMS key (CloudWatch cannot publish to a topic under
/// the AWS managed key), publishing only over TLS, optionally with an email subscription.
/// </summary>
public sealed class AlarmTopic : Construct
{
    public ITopic Topic { get; }

    public AlarmTopic(Construct scope, string id, AlarmTopicProps props) : base(scope, id)
    {
        var key = new Key(this, "Key", new KeyProps
        {
            Description = "Encrypts the Pet Store alarm topic",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"], // in a key policy, "*" means this key
        }));

        var topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = "Pet Store alarms",
            MasterKey = key,
        });
        // TopicProps.EnforceSSL has no effect in CDK 2.160.0 (the compliance pack caught it): state it ourselves.
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyInsecureTransport",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" } },
        }));
        if (props.Email is { } email)
        {
            topic.AddSubscription(new EmailSubscription(email));
            Suppressions.Add(topic, "Serverless-SNSRedrivePolicy",
                "The only subscription is the alarm email: a notification SNS cannot deliver has nobody to replay it from a dead-letter queue, " +
                "while the alarm itself stays in ALARM in CloudWatch and on the dashboard, and failed deliveries show in the topic's metrics.");
        }
        Topic = topic;
    }
}
