namespace PetStore.Contract;

/// <summary>The OAuth scope that marks an access token as one for this API.</summary>
public static class ApiScope
{
    public const string ResourceServerIdentifier = "petstore";
    public const string Name = "api";
    public const string FullName = ResourceServerIdentifier + "/" + Name;
}
