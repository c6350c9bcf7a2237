namespace PetStore.Tenants;

/// <summary>API Gateway's API keys and usage plans, the calls the CLI makes.</summary>
public interface IApiKeys
{
    Task<ApiKeyInfo?> FindKeyAsync(string name, CancellationToken cancellationToken = default);
    Task<ApiKeyInfo> CreateKeyAsync(string name, string value, string description, CancellationToken cancellationToken = default);
    Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default);
    Task SetEnabledAsync(string keyId, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>The id of the usage plan with this name.</summary>
    Task<string?> FindPlanAsync(string name, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<string>> PlanKeysAsync(string planId, CancellationToken cancellationToken = default);

    /// <summary>The ids of the usage plans a key is in (whatever tiers cdk.json names today).</summary>
    Task<IReadOnlyList<string>> KeyPlansAsync(string keyId, CancellationToken cancellationToken = default);
    Task AddPlanKeyAsync(string planId, string keyId, CancellationToken cancellationToken = default);
    Task RemovePlanKeyAsync(string planId, string keyId, CancellationToken cancellationToken = default);
}
