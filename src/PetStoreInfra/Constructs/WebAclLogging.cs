using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.WAFv2;
using Constructs;
using PetStore.Configuration;
using PetStoreInfra.Configuration;

namespace PetStoreInfra.Constructs;

public sealed record WebAclLoggingProps(CfnWebACL WebAcl, string LogGroupName, int RetentionDays, RemovalPolicy RemovalPolicy, IReadOnlyList<string> RedactedHeaders);

/// <summary>
/// A web ACL's request log in CloudWatch Logs (WAF requires the group name to start with <c>aws-waf-logs-</c>),
/// with headers that carry credentials redacted.
/// </summary>
public sealed class WebAclLogging : Construct
{
    public ILogGroup LogGroup { get; }

    public WebAclLogging(Construct scope, string id, WebAclLoggingProps props) : base(scope, id)
    {
        if (!props.LogGroupName.StartsWith("aws-waf-logs-", StringComparison.Ordinal))
            throw new ArgumentException("WAF log group names must start with aws-waf-logs-.", nameof(props));

        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = props.LogGroupName,
            Retention = LogRetentionDays.ToRetentionDays(props.RetentionDays),
            RemovalPolicy = props.RemovalPolicy,
        });

        // WAF wants the log group ARN without the ":*" suffix CloudFormation's Arn attribute carries.
        var stack = Stack.Of(this);
        var destination = stack.FormatArn(new ArnComponents
        {
            Service = "logs",
            Resource = "log-group",
            ResourceName = props.LogGroupName,
            ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
        });
        var configuration = new CfnLoggingConfiguration(this, "Configuration", new CfnLoggingConfigurationProps
        {
            ResourceArn = props.WebAcl.AttrArn,
            LogDestinationConfigs = [destination],
            RedactedFields = props.RedactedHeaders.Select(h => (object)new CfnLoggingConfiguration.FieldToMatchProperty
            {
                SingleHeader = new Dictionary<string, string> { ["Name"] = h },
            }).ToArray(),
        });
        configuration.Node.AddDependency(LogGroup);
    }
}
