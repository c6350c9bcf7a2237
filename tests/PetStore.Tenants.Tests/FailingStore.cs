namespace PetStore.Tenants.Tests;

/// <summary>The registry failing at one named step, to check what a failure leaves behind.</summary>
public sealed class FailingStore(ITenantStore inner) : ITenantStore
{
    public string? FailOn { get; set; }
    public Exception Failure { get; set; } = new HttpRequestException("connection reset");

    /// <summary>Runs as the step fails (an operator pressing Ctrl-C just then).</summary>
    public Action? OnFailure { get; set; }

    private Task Check(string step)
    {
        if (step != FailOn) return Task.CompletedTask;
        OnFailure?.Invoke();
        return Task.FromException(Failure);
    }

    public async Task<IReadOnlyList<TenantRow>> ListAsync(CancellationToken c = default) { await Check("List"); return await inner.ListAsync(c); }
    public async Task<TenantRow?> FindByIdentityAsync(string identityKey, CancellationToken c = default) { await Check("Find"); return await inner.FindByIdentityAsync(identityKey, c); }
    public async Task InsertAsync(TenantRow row, CancellationToken c = default) { await Check("Insert"); await inner.InsertAsync(row, c); }
    public async Task UpdateAsync(string identityKey, string tier, PetStore.Contract.TenantStatus status, CancellationToken c = default) { await Check("Update"); await inner.UpdateAsync(identityKey, tier, status, c); }
    public async Task DeleteAsync(string identityKey, CancellationToken c = default) { await Check("Delete"); await inner.DeleteAsync(identityKey, c); }
}
