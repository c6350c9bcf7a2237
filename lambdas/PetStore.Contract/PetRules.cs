namespace PetStore.Contract;

/// <summary>
/// The fields of a pet. The functions enforce these with precise messages; API Gateway's request models repeat what
/// JSON Schema can say at the edge, so that obviously bad bodies never invoke a function.
/// </summary>
public static class PetRules
{
    /// <summary>In text elements (<see cref="TextRules"/>): what a person counts as characters.</summary>
    public const int TypeMaxLength = 64;

    /// <summary>Prices are from 0 to this, judged as written (<see cref="DecimalLiteral"/>).</summary>
    public const decimal PriceMax = 1_000_000m;
    public const int PriceMaxDecimals = 2;
}
