namespace PetStore.Contract;

/// <summary>Why a number literal was refused.</summary>
public enum DecimalProblem
{
    None,
    NotANumber,
    OutOfRange,
    TooManyDecimals,
}
