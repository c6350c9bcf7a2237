namespace PetStore.Contract;

/// <summary>
/// Limits on request bodies. The functions enforce them with precise messages; API Gateway's request models repeat
/// them at the edge so that obviously bad bodies never invoke a function.
/// </summary>
public static class PetRules
{
    public const int TypeMaxLength = 64;
    public const decimal PriceMax = 1_000_000m;
    public const int PriceMaxDecimals = 2;
}

public static class UserRules
{
    public const int UsernameMaxLength = 128;
    public const int EmailMaxLength = 254;
}
