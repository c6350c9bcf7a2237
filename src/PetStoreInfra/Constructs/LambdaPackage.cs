using Amazon.CDK.AWS.Lambda;
using PetStore.Configuration;

namespace PetStoreInfra.Constructs;

/// <summary>
/// One deployable build of the code in <c>lambdas/</c>: which project, published how, and which Lambda runtime runs
/// it. Either way a function is configured with its <c>FunctionHandlers</c> string: the managed runtime loads it, the
/// custom runtime's bootstrap reads it from <c>_HANDLER</c>, so switching runtimes changes no handler.
/// </summary>
/// <param name="Project">The project file, relative to <c>lambdas/</c>.</param>
public sealed record LambdaPackage(string Name, string Project, Runtime Runtime, IReadOnlyList<string> PublishArguments)
{
    /// <summary>CDK 2.160.0 predates the constant; the managed runtime's id is what matters.</summary>
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    /// <summary>Every handler, framework-dependent with ReadyToRun, for the managed <c>dotnet10</c> runtime.</summary>
    public static readonly LambdaPackage Managed = new(
        "managed", "PetStore.Lambdas/PetStore.Lambdas.csproj", Dotnet10, ["--self-contained", "false"]);

    /// <summary>
    /// Every function behind one custom-runtime <c>bootstrap</c>: self-contained, trimmed, one composite ReadyToRun
    /// image (the settings live in its project, so the cold-start benchmark publishes exactly this). About twice as
    /// fast to start; one bundle, so synth compiles the image once for all functions.
    /// </summary>
    public static readonly LambdaPackage Custom = new(
        "custom", "PetStore.Bootstrap/PetStore.Bootstrap.csproj", Runtime.PROVIDED_AL2023, []);

    public static LambdaPackage For(FunctionRuntime runtime) => runtime == FunctionRuntime.Custom ? Custom : Managed;
}
