namespace PetStore.Configuration;

/// <summary>Where a function's code runs: the project's custom runtime (<c>provided.al2023</c>) or the managed <c>dotnet10</c>.</summary>
public enum FunctionRuntime
{
    Custom,
    Managed,
}
