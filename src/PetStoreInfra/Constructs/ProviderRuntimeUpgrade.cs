using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Constructs;

/// <summary>
/// CDK 2.160.0 writes its own custom-resource handlers (the cross-region reference plumbing between the edge and
/// perimeter stacks) on nodejs20.x, which Lambda has deprecated: new functions on it can no longer be created. Those
/// resources appear only while CDK prepares the app, after aspects have run, so this hook runs as a stack validation
/// (after preparation, before templates are written) and moves them to nodejs22.x, which runs the same handler code.
/// </summary>
public sealed class ProviderRuntimeUpgrade : DeputyBase, IValidation
{
    public const string Runtime = "nodejs22.x";
    private static readonly HashSet<string> Deprecated = ["nodejs16.x", "nodejs18.x", "nodejs20.x"];

    private readonly Stack _stack;

    private ProviderRuntimeUpgrade(Stack stack) => _stack = stack;

    public static void ApplyTo(Stack stack) => stack.Node.AddValidation(new ProviderRuntimeUpgrade(stack));

    public string[] Validate()
    {
        foreach (var function in _stack.Node.FindAll().OfType<CfnResource>().Where(r => r.CfnResourceType == "AWS::Lambda::Function"))
        {
            var runtime = ResourceProperties.Of(function)["Runtime"]?.GetValue<string>();
            if (runtime is not null && Deprecated.Contains(runtime)) function.AddPropertyOverride("Runtime", Runtime);
        }
        return [];
    }
}
