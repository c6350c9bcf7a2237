using Amazon.CDK.AWS.IAM;
using Constructs;
using PetStore.Configuration;
using PetStore.Contract;

namespace PetStoreInfra.Constructs;

/// <summary>A function of <see cref="ApiManifest"/>, deployed as described: its settings, its size, and exactly its grants.</summary>
public static class DescribedFunctions
{
    /// <param name="deployed">The values of the deployment's resources its variables may name (<see cref="FunctionSettings.FromDeployment"/>).</param>
    /// <param name="arns">The ARN of each resource its grants may name.</param>
    public static DotnetFunction Create(Construct scope, FunctionDescription function, FunctionDefaults defaults, DeploymentConfig config,
        IReadOnlyDictionary<string, string> deployed, IReadOnlyDictionary<GrantTarget, string> arns)
    {
        var created = new DotnetFunction(scope, function.ConstructId, new DotnetFunctionProps(
            defaults, function.Handler, function.Description,
            function.Variables.Count == 0 ? null : FunctionSettings.For(function, config, deployed),
            function.SizedAsAuthorizer ? config.Lambda.AuthorizerMemorySizeMb : null,
            function.SizedAsAuthorizer ? LambdaPackage.For(config.Lambda.AuthorizerRuntime) : null));
        foreach (var grant in function.Grants)
            created.Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = [.. grant.Actions],
                Resources = [arns.TryGetValue(grant.Target, out var arn) ? arn
                    : throw new InvalidOperationException($"The {function} function is granted {string.Join(", ", grant.Actions)} on {grant.Target}, which {scope.Node.Path} does not hold.")],
            }));
        return created;
    }
}
