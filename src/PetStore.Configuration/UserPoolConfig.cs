using System.Text.Json.Serialization;

namespace PetStore.Configuration;

public sealed record UserPoolConfig
{
    /// <summary>A PascalCase name; it becomes part of construct ids, so renaming a pool replaces it.</summary>
    public required string Name { get; init; }

    public required bool SelfSignUp { get; init; }

    /// <summary>The groups this pool holds. The authorizer trusts a pool's token only for these groups.</summary>
    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>Second factor (TOTP) at sign-in: offered, or required of every user of the pool.</summary>
    public PoolMfa Mfa { get; init; } = PoolMfa.Optional;

    /// <summary>Whether the pool accepts tenants' machine clients, and where they get tokens; null: people only.</summary>
    public PoolTenantsConfig? Tenants { get; init; }

    /// <summary>Whether the pool holds staff groups (employees, owners), who can write pets or administer.</summary>
    [JsonIgnore] public bool HoldsStaff => Groups.Any(g => g != PetStore.Contract.Groups.Customers);
}
