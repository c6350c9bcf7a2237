using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.IAM;
using Constructs;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Constructs;

/// <summary>
/// The account-level role API Gateway writes execution logs with, granted only what that needs on its own log
/// groups (instead of the AWS managed AmazonAPIGatewayPushToCloudWatchLogs policy). It is one setting per account
/// and region: every environment deployed there sets the same permissions.
/// </summary>
public sealed class ApiGatewayLoggingRole : Construct
{
    public CfnAccount Account { get; }
    public IRole Role { get; private set; } = null!;

    public ApiGatewayLoggingRole(Construct scope, string id) : base(scope, id)
    {
        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("apigateway.amazonaws.com"),
            Description = "API Gateway execution logging",
        });
        var stack = Stack.Of(this);
        var executionLogs = $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:API-Gateway-Execution-Logs_*";
        var allLogGroups = $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:*";
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            Resources = [executionLogs],
        }));
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            // Listing log groups cannot be narrowed to a name prefix.
            Actions = ["logs:DescribeLogGroups"],
            Resources = [allLogGroups],
        }));
        Role = role;
        Suppressions.AddWildcardResources(role,
            "API Gateway names its execution log groups API-Gateway-Execution-Logs_<api id>/<stage>, so the role is scoped to that prefix; DescribeLogGroups cannot be narrowed at all.",
            [NagRuleIds.Resource(this, executionLogs), NagRuleIds.Resource(this, allLogGroups)],
            "logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:DescribeLogGroups");
        Account = new CfnAccount(this, "Account", new CfnAccountProps { CloudWatchRoleArn = role.RoleArn });
    }
}
