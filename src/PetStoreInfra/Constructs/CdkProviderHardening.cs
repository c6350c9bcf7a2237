using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Constructs;

/// <summary>
/// CDK 2.160.0 adds its own custom-resource handlers (the cross-region reference writer in the edge stack, the reader
/// in the perimeter stack) while it prepares the app, after aspects have run, and writes them like this: nodejs20.x
/// (deprecated: Lambda no longer creates functions on it), no tracing, an implicit log group that keeps logs forever,
/// and the AWS managed AWSLambdaBasicExecutionRole policy. This brings each one to our standard after preparation
/// (<see cref="PreparedStackHook"/>): the newest Node.js runtime (the same handler code runs on it), active X-Ray
/// tracing, its own log group with the environment's retention, and an inline policy for exactly that log group
/// instead of the managed policy. What remains is accepted with reasons.
/// </summary>
public static class CdkProviderHardening
{
    public const string Runtime = "nodejs24.x";

    public static void Apply(Stack stack, int logRetentionDays, RemovalPolicy logRemovalPolicy)
    {
        foreach (var provider in stack.Node.Children.Where(c => c.Node.Id.StartsWith("Custom::", StringComparison.Ordinal) &&
                     c.Node.Id.EndsWith("CustomResourceProvider", StringComparison.Ordinal)))
        {
            if (provider is not global::Constructs.Construct scope || provider.Node.TryFindChild("Handler") is not CfnResource handler ||
                provider.Node.TryFindChild("Role") is not CfnResource role) continue;
            // Validations run again when a stack is synthesized again (tests do): harden once.
            if (provider.Node.TryFindChild("Logs") is not null) continue;

            var logs = new CfnLogGroup(scope, "Logs", new CfnLogGroupProps { RetentionInDays = logRetentionDays });
            logs.ApplyRemovalPolicy(logRemovalPolicy);

            if (ResourceProperties.Of(handler)["Runtime"]?.GetValue<string>() is { } runtime && runtime.StartsWith("nodejs", StringComparison.Ordinal))
                handler.AddPropertyOverride("Runtime", Runtime);
            handler.AddPropertyOverride("TracingConfig", new Dictionary<string, object> { ["Mode"] = "Active" });
            handler.AddPropertyOverride("LoggingConfig", new Dictionary<string, object> { ["LogGroup"] = logs.Ref });

            var policies = ResourceProperties.Of(role)["Policies"]?.AsArray() ?? [];
            role.AddPropertyDeletionOverride("ManagedPolicyArns");
            role.AddPropertyOverride($"Policies.{policies.Count}", new Dictionary<string, object>
            {
                ["PolicyName"] = "LogsAndTracing",
                ["PolicyDocument"] = new Dictionary<string, object>
                {
                    ["Version"] = "2012-10-17",
                    ["Statement"] = new object[]
                    {
                        Allow(["logs:CreateLogStream", "logs:PutLogEvents"], logs.AttrArn),
                        Allow(DotnetFunction.XRayActions, "*"),
                    },
                },
            });

            Suppressions.Add(role, NagRuleIds.IamWildcards, DotnetFunction.XRayWildcardReason, "Resource::*");
            Suppressions.Add(role, "Serverless-LambdaStarPermissions", DotnetFunction.XRayWildcardReason);
            var exports = policies.SelectMany(p => Statements(p!["PolicyDocument"])).SelectMany(s => Resources(s["Resource"]))
                .Select(NagRuleIds.Flatten).Where(r => r.Contains(":parameter/cdk/exports/", StringComparison.Ordinal) && r.EndsWith("/*", StringComparison.Ordinal))
                .Distinct().ToArray();
            if (exports.Length > 0)
                Suppressions.Add(role, NagRuleIds.IamWildcards,
                    "CDK's cross-region references keep each exported value in an SSM parameter under /cdk/exports/<consuming stack>/, named by CDK at deploy; the handler's access is limited to that path and the SSM actions CDK wrote.",
                    [.. exports.Select(r => $"Resource::{r}")]);
            Suppressions.Add(handler, "Serverless-LambdaDLQ",
                "CloudFormation calls CDK's cross-region reference handler synchronously through its custom resource framework; a failure fails (and rolls back) the deployment, and there is no asynchronous event to dead-letter.");
        }
    }

    private static Dictionary<string, object> Allow(string[] actions, string resource) => new()
    {
        ["Effect"] = "Allow",
        ["Action"] = actions,
        ["Resource"] = resource,
    };

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> Statements(System.Text.Json.Nodes.JsonNode? document) =>
        (document?["Statement"] as System.Text.Json.Nodes.JsonArray ?? []).Where(s => s is not null)!;

    private static IEnumerable<System.Text.Json.Nodes.JsonNode?> Resources(System.Text.Json.Nodes.JsonNode? resource) =>
        resource is System.Text.Json.Nodes.JsonArray many ? many : new[] { resource };
}
