namespace PetStore.Benchmarks.ColdStart;

/// <summary>
/// One way to build the function bundle: from which sources (a git ref, or the working tree when null), which
/// project with which publish arguments, and for which of the measured functions. A custom-runtime build is its own
/// <c>bootstrap</c> executable, told the function by <c>_HANDLER</c>; the others are loaded by the managed runtime's
/// bootstrap stand-in.
/// </summary>
/// <param name="Functions">The measured functions (<see cref="ColdStartFunction.Name"/>) this build is run for.</param>
public sealed record BuildVariant(string Name, string? GitRef, string Project, IReadOnlyList<string> PublishArguments,
    IReadOnlySet<string> Functions, bool CustomRuntime = false, string Description = "");
