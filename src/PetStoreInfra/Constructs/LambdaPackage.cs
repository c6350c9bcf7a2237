using Amazon.CDK.AWS.Lambda;

namespace PetStoreInfra.Constructs;

/// <summary>
/// One deployable build of the code in <c>lambdas/</c>: which project, published how, and which Lambda runtime runs it.
/// </summary>
/// <param name="Project">The project file, relative to <c>lambdas/</c>.</param>
/// <param name="EntryPoint">The handler a custom runtime is given whatever the function (it starts its bootstrap); null where each function names its own.</param>
public sealed record LambdaPackage(string Name, string Project, Runtime Runtime, IReadOnlyList<string> PublishArguments, string? EntryPoint = null)
{
    /// <summary>CDK 2.160.0 predates the constant; the managed runtime's id is what matters.</summary>
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    /// <summary>Every handler, framework-dependent, for the managed <c>dotnet10</c> runtime: one bundle all functions share.</summary>
    public static readonly LambdaPackage Managed = new(
        "managed", "PetStore.Lambdas/PetStore.Lambdas.csproj", Dotnet10, ["--self-contained", "false"]);

    /// <summary>
    /// The authorizer as its own custom runtime: self-contained, trimmed, one composite ReadyToRun image (the settings
    /// live in its project, so the cold-start benchmark publishes exactly this). About twice as fast to start.
    /// </summary>
    public static readonly LambdaPackage AuthorizerRuntime = new(
        "authorizer", "PetStore.Authorizer/PetStore.Authorizer.csproj", Runtime.PROVIDED_AL2023, [], EntryPoint: "bootstrap");
}
