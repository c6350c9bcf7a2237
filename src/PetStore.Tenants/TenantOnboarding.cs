using System.Security.Cryptography;
using PetStore.Configuration;
using PetStore.Contract;

namespace PetStore.Tenants;

/// <summary>
/// Onboarding and offboarding, step by step, each step safe to repeat. Made things are found by name (the API key
/// <c>PetStore-&lt;env&gt;-tenant-&lt;name&gt;</c>, the app client <c>tenant-&lt;name&gt;</c>), so a rerun after an
/// interruption picks them up instead of making them twice; a step that fails undoes what this run made before it,
/// in reverse. The registry row, which is what the authorizer trusts, is written last on the way in and deleted first
/// on the way out.
/// </summary>
public sealed class TenantOnboarding(
    DeploymentConfig config, IReadOnlyList<TenantIssuer> issuers, IReadOnlyDictionary<string, string> userPoolIds, ITenantStore store, IApiKeys apiKeys, ITenantClients clients, TextWriter output)
{
    public async Task<TenantRow> AddAsync(string tenant, string tier, TenantSource source, CancellationToken cancellationToken = default)
    {
        CheckName(tenant);
        var planId = await PlanAsync(tier, cancellationToken);
        var issuer = IssuerFor(source.Issuer);
        if (await FindAsync(tenant, cancellationToken) is { } existing)
        {
            if (existing.Issuer != source.Issuer || (source.ExternalId is { } id && id != existing.ExternalId))
                throw new TenantsException($"Tenant '{tenant}' exists with {existing.IdentityKey}; remove it first to change its identity.");
            if (existing.Tier != tier) throw new TenantsException($"Tenant '{tenant}' exists in tier {existing.Tier}; use move-tier to change it.");
            output.WriteLine($"Tenant '{tenant}' is already onboarded ({existing.IdentityKey}, tier {tier}, {DynamoTenantStore.Spell(existing.Status)}); nothing to do.");
            return existing;
        }

        return await RunAsync(async undo =>
        {
            string externalId;
            var createdClient = false;
            if (issuer.Kind == IssuerKind.Cognito)
            {
                if (source.ExternalId is not null) throw new TenantsException($"{issuer.Name} is a Cognito pool: the CLI makes the tenant's app client, so give no --tenant-id.");
                var poolId = userPoolIds.GetValueOrDefault(issuer.Name) ?? throw new TenantsException($"No user pool id for {issuer.Name}; pass --user-pool {issuer.Name}=<id>.");
                var clientName = TenantRegistry.ClientName(tenant);
                if (await clients.FindClientAsync(poolId, clientName, cancellationToken) is { } found)
                {
                    externalId = found;
                    output.WriteLine($"  app client {clientName} ({found}) exists in {issuer.Name}: reusing it");
                }
                else
                {
                    externalId = await clients.CreateClientAsync(poolId, clientName, cancellationToken);
                    var created = externalId;
                    undo.Push($"delete app client {created}", c => clients.DeleteClientAsync(poolId, created, c));
                    output.WriteLine($"  created app client {clientName} ({externalId}) in {issuer.Name} (client credentials, scope {ApiScope.FullName})");
                }
                createdClient = true;
            }
            else
            {
                externalId = source.ExternalId ?? throw new TenantsException($"{issuer.Name} is an OIDC provider: give the tenant id its tokens carry in {string.Join('.', issuer.TenantClaim)} with --tenant-id.");
            }

            var identity = TenantRegistry.IdentityKey(issuer.Name, externalId);
            if (!TenantRegistry.FitsKey(identity))
                throw new TenantsException($"The tenant id is too long: {issuer.Name}|<tenant id> must be at most {TenantRegistry.MaxKeyBytes} bytes of UTF-8.");
            if (await store.FindByIdentityAsync(identity, cancellationToken) is { } other)
                throw new TenantsException($"{identity} already belongs to tenant '{other.Tenant}'.");

            var keyName = TenantRegistry.ApiKeyName(config.Name, tenant);
            var key = await apiKeys.FindKeyAsync(keyName, cancellationToken);
            if (key is null)
            {
                key = await apiKeys.CreateKeyAsync(keyName, NewKeyValue(), $"Tenant {tenant} ({identity})", cancellationToken);
                var created = key;
                undo.Push($"delete API key {created.Id}", c => apiKeys.DeleteKeyAsync(created.Id, c));
                output.WriteLine($"  created API key {keyName} ({key.Id})");
            }
            else
            {
                output.WriteLine($"  API key {keyName} ({key.Id}) exists: reusing it");
                if (!key.Enabled) await apiKeys.SetEnabledAsync(key.Id, true, cancellationToken);
            }

            if (!(await apiKeys.PlanKeysAsync(planId, cancellationToken)).Contains(key.Id))
            {
                await apiKeys.AddPlanKeyAsync(planId, key.Id, cancellationToken);
                var added = key;
                undo.Push($"remove API key {added.Id} from plan {planId}", c => apiKeys.RemovePlanKeyAsync(planId, added.Id, c));
                output.WriteLine($"  added the key to usage plan {UsagePlanNames.Plan(config.Name, tier)}");
            }

            var row = new TenantRow(tenant, issuer.Name, externalId, key.Id, key.Value, tier, TenantStatus.Active, createdClient);
            await store.InsertAsync(row, cancellationToken);
            output.WriteLine($"Tenant '{tenant}' onboarded: {identity}, tier {tier}. Its requests are admitted within " +
                $"{config.Authorization.NewTenantAdmittedWithinSeconds} s (a refusal cached before it existed expires by then).");
            return row;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TenantRow>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    /// <summary>
    /// Moves a tenant's key to another tier's plan. The plans it leaves are the ones API Gateway has it in, not the one
    /// its row names: a tier removed from cdk.json (its plan deleted with it, or not yet) still lets its tenants move.
    /// </summary>
    public async Task MoveTierAsync(string tenant, string tier, CancellationToken cancellationToken = default)
    {
        var row = await RequireAsync(tenant, cancellationToken);
        var to = await PlanAsync(tier, cancellationToken);
        var current = await apiKeys.KeyPlansAsync(row.ApiKeyId, cancellationToken);
        if (row.Tier == tier && current.SequenceEqual([to]))
        {
            output.WriteLine($"Tenant '{tenant}' is already in tier {tier}; nothing to do.");
            return;
        }
        await RunAsync(async undo =>
        {
            // API Gateway allows a key in one plan per stage: out of the old plan, then into the new one.
            foreach (var from in current.Where(p => p != to))
            {
                await apiKeys.RemovePlanKeyAsync(from, row.ApiKeyId, cancellationToken);
                undo.Push($"put API key {row.ApiKeyId} back in plan {from}", c => apiKeys.AddPlanKeyAsync(from, row.ApiKeyId, c));
            }
            if (!current.Contains(to))
            {
                await apiKeys.AddPlanKeyAsync(to, row.ApiKeyId, cancellationToken);
                undo.Push($"remove API key {row.ApiKeyId} from plan {to}", c => apiKeys.RemovePlanKeyAsync(to, row.ApiKeyId, c));
            }
            await store.UpdateAsync(row.IdentityKey, tier, row.Status, cancellationToken);
            output.WriteLine($"Tenant '{tenant}' moved from tier {row.Tier} to {tier}.");
            return true;
        }, cancellationToken);
    }

    /// <summary>Suspends (or resumes) a tenant: the registry row, which the authorizer reads, and the key itself, which API Gateway checks on every request.</summary>
    public async Task SetStatusAsync(string tenant, TenantStatus status, CancellationToken cancellationToken = default)
    {
        var row = await RequireAsync(tenant, cancellationToken);
        await RunAsync(async undo =>
        {
            await store.UpdateAsync(row.IdentityKey, row.Tier, status, cancellationToken);
            undo.Push($"set the registry row back to {DynamoTenantStore.Spell(row.Status)}", c => store.UpdateAsync(row.IdentityKey, row.Tier, row.Status, c));
            // A disabled key stops the tenant at once, even where API Gateway still holds a cached Allow for it.
            await apiKeys.SetEnabledAsync(row.ApiKeyId, status == TenantStatus.Active, cancellationToken);
            return true;
        }, cancellationToken);
        output.WriteLine(status == TenantStatus.Active
            ? $"Tenant '{tenant}' is active. Its requests are admitted within {config.Authorization.NewTenantAdmittedWithinSeconds} s (a refusal cached while it was suspended expires by then)."
            : $"Tenant '{tenant}' is {DynamoTenantStore.Spell(status)}.");
    }

    /// <summary>Removes a tenant: the registry row first (it is no longer trusted), then its key and client. A rerun finishes an interrupted removal.</summary>
    public async Task RemoveAsync(string tenant, string? issuerName = null, CancellationToken cancellationToken = default)
    {
        CheckName(tenant);
        var row = await FindAsync(tenant, cancellationToken);
        if (row is not null)
        {
            await store.DeleteAsync(row.IdentityKey, cancellationToken);
            output.WriteLine($"  deleted the registry row {row.IdentityKey}");
        }

        if (await apiKeys.FindKeyAsync(TenantRegistry.ApiKeyName(config.Name, tenant), cancellationToken) is { } key)
        {
            // Deleting the key takes it out of its plan too; removing it from each plan first keeps the plans tidy if deletion fails.
            foreach (var plan in await apiKeys.KeyPlansAsync(key.Id, cancellationToken))
                await apiKeys.RemovePlanKeyAsync(plan, key.Id, cancellationToken);
            await apiKeys.DeleteKeyAsync(key.Id, cancellationToken);
            output.WriteLine($"  deleted API key {key.Name} ({key.Id})");
        }

        var pool = row is { CreatedClient: true } ? row.Issuer : issuerName ?? (row is null ? TenantPools().FirstOrDefault() : null);
        if (pool is not null && userPoolIds.TryGetValue(pool, out var poolId) &&
            await clients.FindClientAsync(poolId, TenantRegistry.ClientName(tenant), cancellationToken) is { } client)
        {
            await clients.DeleteClientAsync(poolId, client, cancellationToken);
            output.WriteLine($"  deleted app client {TenantRegistry.ClientName(tenant)} ({client}) from {pool}");
        }
        output.WriteLine(row is null ? $"Tenant '{tenant}' is not registered; any leftovers of it are removed." : $"Tenant '{tenant}' removed.");
    }

    /// <summary>The issuer a new tenant comes from: a named one, or the only pool that accepts tenants.</summary>
    public string DefaultIssuer() => TenantPools().ToList() switch
    {
        [var only] => only,
        [] => throw new TenantsException($"No user pool of {config.Name} accepts tenants (userPools[].tenants); name an OIDC provider with --issuer and --tenant-id."),
        var several => throw new TenantsException($"Several pools accept tenants ({string.Join(", ", several)}): choose one with --issuer."),
    };

    private IEnumerable<string> TenantPools() => issuers.Where(i => i.Kind == IssuerKind.Cognito && i.TenantClaim.Count > 0).Select(i => i.Name);

    private TenantIssuer IssuerFor(string name)
    {
        var issuer = issuers.FirstOrDefault(i => i.Name == name)
            ?? throw new TenantsException($"'{name}' is neither a user pool nor an OIDC provider of {config.Name} ({string.Join(", ", issuers.Select(i => i.Name))}).");
        return issuer.TenantClaim.Count > 0 ? issuer
            : issuer.Kind == IssuerKind.Cognito
                ? throw new TenantsException($"User pool {name} does not accept tenants: set userPools[].tenants for it in cdk.json and deploy first.")
                : throw new TenantsException($"OIDC provider {name} has no tenantClaim, so its tokens cannot name a tenant.");
    }

    private async Task<string> PlanAsync(string tier, CancellationToken cancellationToken)
    {
        if (!config.UsagePlans.Tiers.ContainsKey(tier) || tier == config.UsagePlans.InteractiveTier)
            throw new TenantsException($"'{tier}' is not a tenant tier of {config.Name} ({string.Join(", ", config.UsagePlans.Tiers.Keys.Where(t => t != config.UsagePlans.InteractiveTier))}).");
        return await apiKeys.FindPlanAsync(UsagePlanNames.Plan(config.Name, tier), cancellationToken)
            ?? throw new TenantsException($"No usage plan {UsagePlanNames.Plan(config.Name, tier)}: is the Api stack of {config.Name} deployed?");
    }

    private async Task<TenantRow?> FindAsync(string tenant, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).FirstOrDefault(r => r.Tenant == tenant);

    private async Task<TenantRow> RequireAsync(string tenant, CancellationToken cancellationToken) =>
        await FindAsync(tenant, cancellationToken) ?? throw new TenantsException($"Tenant '{tenant}' is not registered (see list).");

    private static void CheckName(string tenant)
    {
        if (!TenantRegistry.IsValidName(tenant))
            throw new TenantsException($"'{tenant}' is not a tenant name: 2-40 lowercase letters, digits and '-', starting with a letter.");
    }

    /// <summary>40 random characters: API Gateway wants at least 20; nobody but the registry and the authorizer ever sees it.</summary>
    private static string NewKeyValue() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>
    /// Runs a command's steps; if one fails, undoes what they changed, in reverse, and says what it undid. Only the
    /// caller's own cancellation (Ctrl-C) leaves things as they are, for a rerun to finish; a call that timed out is a
    /// failure like any other.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<UndoLog, Task<T>> steps, CancellationToken cancellationToken)
    {
        var undo = new UndoLog(output);
        try
        {
            return await steps(undo);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("Interrupted: what this run changed is kept; rerun the command, which resumes from what exists.");
            throw;
        }
        catch (Exception)
        {
            await undo.UndoAsync();
            throw;
        }
    }
}
