namespace PetStore.Cedar;

/// <summary>The engine refused a call, or failed during it; <see cref="Reason"/> is what went wrong, without the framing.</summary>
public sealed class CedarEngineException(string message, string? reason = null) : Exception(message)
{
    public string Reason { get; } = reason ?? message;
}
