namespace PetStore.Contract;

/// <summary>The pets table as the pets function uses it. The Data stack creates the table with this key.</summary>
public static class PetsTableAccess
{
    /// <summary>The partition key: the pet's server-made id, a string.</summary>
    public const string KeyAttribute = "id";

    /// <summary>
    /// The DynamoDB operations the pets function makes on the table, as DynamoDB names them. They are the function's
    /// IAM grant and the operations the table's throttle alarm watches; a test records every call the repository
    /// makes and fails on a call not listed here or an entry no call uses.
    /// </summary>
    public static readonly IReadOnlyList<string> Operations = ["GetItem", "PutItem", "Scan", "DeleteItem"];

    /// <summary>The IAM actions for <see cref="Operations"/>.</summary>
    public static IEnumerable<string> IamActions => Operations.Select(o => $"dynamodb:{o}");
}
