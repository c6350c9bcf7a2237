namespace PetStore.Cedar;

/// <summary>The policy store definition in cedar/ is not valid; every problem found is listed with its file and line.</summary>
public sealed class CedarPolicyException(IReadOnlyList<CedarProblem> problems)
    : Exception($"Cedar policies are not valid:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => "  " + p))}")
{
    public IReadOnlyList<CedarProblem> Problems { get; } = problems;
}
