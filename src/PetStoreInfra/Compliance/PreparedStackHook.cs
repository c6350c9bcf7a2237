using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace PetStoreInfra.Compliance;

/// <summary>
/// Runs code on a stack after CDK has prepared the app (resolved cross-stack and cross-region references, which adds
/// CDK's own resources) and before the templates are written: a stack validation that reports nothing. Aspects run
/// too early to see those resources.
/// </summary>
public sealed class PreparedStackHook : DeputyBase, IValidation
{
    private readonly Action _action;

    private PreparedStackHook(Action action) => _action = action;

    public static void Add(Stack stack, Action action) => stack.Node.AddValidation(new PreparedStackHook(action));

    public string[] Validate()
    {
        _action();
        return [];
    }
}
