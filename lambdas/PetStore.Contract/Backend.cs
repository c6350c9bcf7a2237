namespace PetStore.Contract;

/// <summary>What answers a route: one Lambda function per concern, or API Gateway itself.</summary>
public enum Backend
{
    /// <summary>An API Gateway mock integration; no function runs.</summary>
    Mock,
    Users,
    Pets,
    Orders,
    Admin,
}
