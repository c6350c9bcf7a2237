namespace PetStore.Contract;

/// <summary>
/// The entities a resource route's handler puts in a Verified Permissions request, and their attributes as Cedar names
/// them (cedar/schema declares the same). Which entities come with their attributes matters to authors: a policy may
/// read attributes only of the entities listed in <see cref="Supplied"/>, and synth refuses one that reads further
/// (<see cref="DecisionCacheRule.Classify"/>).
/// </summary>
public static class ResourceEntities
{
    public const string Store = "Store";
    public const string Pet = "Pet";
    public const string Order = "Order";

    public const string StoreName = "name";

    public const string PetStoreAttribute = "store";
    public const string PetStatus = "status";
    public const string PetPrice = "price";
    public const string PetType = "type";

    public const string OrderOwner = "owner";
    public const string OrderStoreAttribute = "store";
    public const string OrderPet = "pet";
    public const string OrderStatus = "status";

    /// <summary>
    /// For a route acting on <paramref name="resource"/>, the entities sent with their attributes, each as the path of
    /// attributes that leads to it from the resource: <c>[]</c> the resource itself, <c>["store"]</c> a pet's store.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Supplied(string resource) => resource switch
    {
        Store => [[]],
        Pet => [[], [PetStoreAttribute]],
        // An order's owner and pet are references only: a policy may compare them (principal == resource.owner) but
        // not read their attributes, which would cost a read of every listed order's pet.
        Order => [[], [OrderStoreAttribute]],
        _ => throw new ArgumentException($"No handler supplies a {resource} entity.", nameof(resource)),
    };
}
