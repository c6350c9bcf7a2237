namespace PetStore.Tenants.Tests;

/// <summary>API Gateway's keys and plans failing at one named step, to check what a failure leaves behind.</summary>
public sealed class FailingApiKeys(IApiKeys inner) : IApiKeys
{
    public string? FailOn { get; set; }
    public Exception Failure { get; set; } = new PetStore.Aws.AwsServiceException("TooManyRequestsException", "Too Many Requests", System.Net.HttpStatusCode.TooManyRequests);

    private Task Check(string step) => step == FailOn ? Task.FromException(Failure) : Task.CompletedTask;

    public async Task<ApiKeyInfo?> FindKeyAsync(string name, CancellationToken c = default) { await Check("FindKey"); return await inner.FindKeyAsync(name, c); }
    public async Task<ApiKeyInfo> CreateKeyAsync(string name, string value, string description, CancellationToken c = default) { await Check("CreateKey"); return await inner.CreateKeyAsync(name, value, description, c); }
    public async Task DeleteKeyAsync(string keyId, CancellationToken c = default) { await Check("DeleteKey"); await inner.DeleteKeyAsync(keyId, c); }
    public async Task SetEnabledAsync(string keyId, bool enabled, CancellationToken c = default) { await Check("SetEnabled"); await inner.SetEnabledAsync(keyId, enabled, c); }
    public async Task<string?> FindPlanAsync(string name, CancellationToken c = default) { await Check("FindPlan"); return await inner.FindPlanAsync(name, c); }
    public async Task<IReadOnlyList<string>> PlanKeysAsync(string planId, CancellationToken c = default) { await Check("PlanKeys"); return await inner.PlanKeysAsync(planId, c); }
    public async Task<IReadOnlyList<string>> KeyPlansAsync(string keyId, CancellationToken c = default) { await Check("KeyPlans"); return await inner.KeyPlansAsync(keyId, c); }
    public async Task AddPlanKeyAsync(string planId, string keyId, CancellationToken c = default) { await Check("AddPlanKey"); await inner.AddPlanKeyAsync(planId, keyId, c); }
    public async Task RemovePlanKeyAsync(string planId, string keyId, CancellationToken c = default) { await Check("RemovePlanKey"); await inner.RemovePlanKeyAsync(planId, keyId, c); }
}
