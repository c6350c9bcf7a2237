namespace PetStore.Cedar;

/// <summary>Something wrong in a file under cedar/, at a line and column (1-based).</summary>
public sealed record CedarProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
