namespace PetStore.Contract;

/// <summary>A tenant's registry status, spelled in the table as <c>active</c> or <c>suspended</c>.</summary>
public enum TenantStatus
{
    Active,
    Suspended,
}
