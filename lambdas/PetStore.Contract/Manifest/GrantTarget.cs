namespace PetStore.Contract;

/// <summary>A deployed resource a function may be granted actions on.</summary>
public enum GrantTarget
{
    /// <summary>The user pool that takes sign-ups.</summary>
    SignUpPool,
    PetsTable,
    OrdersTable,

    /// <summary>The orders table's owner index (<see cref="OrdersTableAccess.OwnerIndex"/>).</summary>
    OrdersOwnerIndex,
    TenantsTable,
    PolicyStore,
}
