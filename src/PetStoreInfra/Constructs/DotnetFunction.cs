using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using PetStoreInfra.Compliance;
using PetStore.Configuration;
using PetStoreInfra.Configuration;

namespace PetStoreInfra.Constructs;

/// <param name="Handler">The managed runtime's handler (<c>Assembly::Type::Method</c>); a custom runtime package has its own entry point.</param>
/// <param name="Package">How the code is built and run; the handlers' shared managed bundle unless said otherwise.</param>
public sealed record DotnetFunctionProps(
    FunctionDefaults Defaults,
    string Handler,
    string Description,
    IReadOnlyDictionary<string, string>? Environment = null,
    int? MemorySizeMb = null,
    LambdaPackage? Package = null);

/// <summary>
/// A .NET Lambda function with its own log group and a role that may write only to that log group; callers add
/// exactly the other permissions it needs.
/// </summary>
public sealed class DotnetFunction : Construct
{
    /// <summary>What active tracing needs; X-Ray has no resource-level permissions for these.</summary>
    public static readonly string[] XRayActions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"];

    public const string XRayWildcardReason =
        "X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions; active tracing needs them on *.";

    public Function Function { get; }
    public ILogGroup LogGroup { get; }
    public IRole Role { get; }

    public DotnetFunction(Construct scope, string id, DotnetFunctionProps props) : base(scope, id)
    {
        var defaults = props.Defaults;
        var package = props.Package ?? LambdaPackage.Managed;
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = defaults.LogRetention,
            RemovalPolicy = defaults.LogRemovalPolicy,
        });

        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"Runs {props.Description}",
        });
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [LogGroup.LogGroupArn],
        }));
        Role = role;

        Function = new Function(this, "Function", new FunctionProps
        {
            Runtime = package.Runtime,
            Architecture = defaults.Lambda.Architecture == LambdaArchitecture.Arm64 ? Architecture.ARM_64 : Architecture.X86_64,
            Code = defaults.Bundle.CodeFor(this, package),
            Handler = package.EntryPoint ?? props.Handler,
            Description = props.Description,
            MemorySize = props.MemorySizeMb ?? defaults.Lambda.MemorySizeMb,
            Timeout = Duration.Seconds(defaults.Lambda.TimeoutSeconds),
            Role = role,
            LogGroup = LogGroup,
            Tracing = Tracing.ACTIVE,
            Environment = props.Environment?.ToDictionary(),
            ReservedConcurrentExecutions = defaults.Lambda.ReservedConcurrency,
        });
        Suppressions.AddWildcardResources(role, XRayWildcardReason, ["*"], XRayActions);
    }
}
