namespace PetStore.Contract;

/// <summary>
/// The orders table as the orders function uses it, and what that function does to the pets table. The Data stack
/// creates the table with this key. Placing and cancelling an order are one transaction over both tables
/// (TransactWriteItems, which IAM grants as the item operations it is made of).
/// </summary>
public static class OrdersTableAccess
{
    /// <summary>The partition key: the order's server-made id, a string.</summary>
    public const string KeyAttribute = "id";

    /// <summary>The order's owner (the caller's Cedar entity id), and the global secondary index on it (sorted by id, all attributes projected).</summary>
    public const string OwnerAttribute = "owner";
    public const string OwnerIndex = "byOwner";

    /// <summary>The DynamoDB operations the orders function calls, as DynamoDB names them; a test records every call.</summary>
    public static readonly IReadOnlyList<string> Operations = ["GetItem", "Query", "Scan", "TransactWriteItems"];

    /// <summary>The IAM actions on the owner index: a caller's own orders, for a caller the policies limit to them (<see cref="ListPlan"/>).</summary>
    public static readonly IReadOnlyList<string> OwnerIndexIamActions = ["dynamodb:Query"];

    /// <summary>The IAM actions on the orders table: reads, and a transaction's put (place) and update (cancel).</summary>
    public static readonly IReadOnlyList<string> IamActions = ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem"];

    /// <summary>The IAM actions on the pets table: the pet read, and a transaction's update of its status.</summary>
    public static readonly IReadOnlyList<string> PetsIamActions = ["dynamodb:GetItem", "dynamodb:UpdateItem"];
}
