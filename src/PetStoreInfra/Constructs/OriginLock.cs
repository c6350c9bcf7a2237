using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.WAFv2;
using Constructs;
using PetStoreInfra.Compliance;
using PetStore.Configuration;

namespace PetStoreInfra.Constructs;

public sealed record OriginLockProps(Amazon.CDK.AWS.APIGateway.Stage Stage, string WebAclName, OriginSecretConfig Secret, int LogRetentionDays, RemovalPolicy LogRemovalPolicy);

/// <summary>
/// Keeps the API reachable only through CloudFront. CloudFront adds a secret header; a REGIONAL web ACL on the stage
/// allows requests that carry it and answers every other request 403 before any authorizer runs, so it works with
/// the Cognito and the Lambda authorizer alike.
///
/// The header value comes from one of two Secrets Manager secrets (slots a and b); the ACL accepts both, CloudFront
/// sends the active one. Rotation is a configuration change, never an outage: bump the inactive slot's generation
/// and deploy (a new random value, accepted but not yet sent), then make that slot active and deploy (CloudFront
/// sends it). The old value stays accepted until its slot is regenerated at the next rotation.
/// </summary>
public sealed class OriginLock : Construct
{
    public const string HeaderName = "x-origin-verify";
    public const string ForbiddenBodyKey = "forbidden";

    public CfnWebACL WebAcl { get; }
    public ISecret ActiveSecret { get; }
    public IReadOnlyList<ISecret> AcceptedSecrets { get; }

    public OriginLock(Construct scope, string id, OriginLockProps props) : base(scope, id)
    {
        var a = SlotSecret("a", props.Secret.GenerationA);
        var b = SlotSecret("b", props.Secret.GenerationB);
        AcceptedSecrets = [a, b];
        ActiveSecret = props.Secret.Active == "a" ? a : b;

        WebAcl = new CfnWebACL(this, "WebAcl", new CfnWebACLProps
        {
            Name = props.WebAclName,
            Description = "Pet Store origin lock: only CloudFront may call the API",
            Scope = "REGIONAL",
            DefaultAction = new CfnWebACL.DefaultActionProperty
            {
                Block = new CfnWebACL.BlockActionProperty
                {
                    CustomResponse = new CfnWebACL.CustomResponseProperty { ResponseCode = 403, CustomResponseBodyKey = ForbiddenBodyKey },
                },
            },
            CustomResponseBodies = new Dictionary<string, object>
            {
                [ForbiddenBodyKey] = new CfnWebACL.CustomResponseBodyProperty
                {
                    ContentType = "APPLICATION_JSON",
                    Content = "{\"message\":\"Forbidden\"}",
                },
            },
            VisibilityConfig = EdgeWebAcl.Visibility(props.WebAclName),
            Rules = new object[]
            {
                new CfnWebACL.RuleProperty
                {
                    Name = "ThroughCloudFront",
                    Priority = 0,
                    Action = new CfnWebACL.RuleActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
                    Statement = new CfnWebACL.StatementProperty
                    {
                        OrStatement = new CfnWebACL.OrStatementProperty { Statements = new object[] { HeaderEquals(a), HeaderEquals(b) } },
                    },
                    VisibilityConfig = EdgeWebAcl.Visibility("ThroughCloudFront"),
                },
            },
        });

        _ = new CfnWebACLAssociation(this, "Association", new CfnWebACLAssociationProps
        {
            ResourceArn = props.Stage.StageArn,
            WebAclArn = WebAcl.AttrArn,
        });
        Suppressions.Add(props.Stage, "AwsSolutions-APIG3",
            $"The origin lock's web ACL {props.WebAclName} is associated with this stage from the perimeter stack ({Stack.Of(this).StackName}); cdk-nag looks for the association only in the stage's own stack.");

        _ = new WebAclLogging(this, "Logging", new WebAclLoggingProps(
            WebAcl, $"aws-waf-logs-{props.WebAclName}", props.LogRetentionDays, props.LogRemovalPolicy, ["authorization", HeaderName]));
    }

    private Secret SlotSecret(string slot, int generation)
    {
        // The generation is part of the id: bumping it replaces the secret, and with it the value.
        var secret = new Secret(this, $"OriginSecret{slot.ToUpperInvariant()}{generation}", new SecretProps
        {
            Description = $"Pet Store origin header, slot {slot}, generation {generation}",
            GenerateSecretString = new SecretStringGenerator { ExcludePunctuation = true, PasswordLength = 48 },
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Suppressions.Add(secret, "AwsSolutions-SMG4",
            "Rotated by configuration in two slots (perimeter.originSecret): CloudFront and WAF only read the value at deploy, so a scheduled rotation alone would break the origin.");
        return secret;
    }

    private static CfnWebACL.StatementProperty HeaderEquals(ISecret secret) => new()
    {
        ByteMatchStatement = new CfnWebACL.ByteMatchStatementProperty
        {
            FieldToMatch = new CfnWebACL.FieldToMatchProperty { SingleHeader = new Dictionary<string, string> { ["Name"] = HeaderName } },
            PositionalConstraint = "EXACTLY",
            // A CloudFormation dynamic reference: the value is resolved at deploy and never written to the template.
            SearchString = secret.SecretValue.UnsafeUnwrap(),
            TextTransformations = new object[] { new CfnWebACL.TextTransformationProperty { Priority = 0, Type = "NONE" } },
        },
    };
}
