namespace PetStore.Local;

/// <summary>Why a metered request is refused, as API Gateway answers it.</summary>
public sealed record MeterRefusal(int Status, string Message);
