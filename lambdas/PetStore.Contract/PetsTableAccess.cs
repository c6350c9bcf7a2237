namespace PetStore.Contract;

/// <summary>The pets table as the pets function uses it. The Data stack creates the table with this key.</summary>
public static class PetsTableAccess
{
    /// <summary>The partition key: the pet's server-made id, a string.</summary>
    public const string KeyAttribute = "id";
}
