namespace PetStoreInfra.Compliance;

public enum Severity
{
    /// <summary>Fails synth unless suppressed.</summary>
    Error,

    /// <summary>Reported; also counts as a finding until suppressed with a reason.</summary>
    Warning,
}
