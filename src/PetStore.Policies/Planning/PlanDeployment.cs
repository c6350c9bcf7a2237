using System.Text.Json.Nodes;
using PetStore.Configuration;
using PetStore.Contract;

namespace PetStore.Policies.Planning;

/// <summary>An identity provider as the plan sees it: its cdk.json name, the groups it is trusted to grant, and whether tenants' machine clients sign in through it.</summary>
public sealed record PlanProvider(string Name, IReadOnlyList<string> Groups, bool AcceptsTenants);

/// <summary>
/// What the deployments configure that a request can carry: every environment's identity providers (a provider of the
/// same name in two environments grants the groups of both) and stores, and the default environment's cache TTL.
/// </summary>
public sealed record PlanDeployment(IReadOnlyList<PlanProvider> Providers, IReadOnlyList<Store> Stores, int CacheTtlSeconds)
{
    public IReadOnlyList<string> Groups => [.. Providers.SelectMany(p => p.Groups).Distinct().OrderBy(g => Contract.Groups.All.ToList().IndexOf(g) is var i and >= 0 ? i : int.MaxValue).ThenBy(g => g, StringComparer.Ordinal)];

    /// <exception cref="ConfigurationException">cdk.json is not valid.</exception>
    public static PlanDeployment FromCdkJson(string cdkJson)
    {
        var context = JsonNode.Parse(File.ReadAllText(cdkJson))?["context"];
        var names = (context?[ConfigLoader.EnvironmentsKey] as JsonObject)?.Select(e => e.Key).ToList()
            ?? throw new ConfigurationException($"{cdkJson}: context key '{ConfigLoader.EnvironmentsKey}' is missing.");
        var environments = names.Select(name => ConfigLoader.FromCdkJson(cdkJson, name)).ToList();
        var defaultName = context?[ConfigLoader.EnvironmentKey]?.GetValue<string>() ?? ConfigLoader.DefaultEnvironment;
        var providers = environments
            .SelectMany(e => e.UserPools.Select(p => (p.Name, p.Groups, Tenants: p.Tenants is not null))
                .Concat(e.OidcProviders.Select(p => (p.Name, p.Groups, Tenants: p.TenantClaim.Count > 0))))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => new PlanProvider(g.Key, [.. g.SelectMany(p => p.Groups).Distinct().Order(StringComparer.Ordinal)], g.Any(p => p.Tenants)))
            .ToList();
        var stores = environments.SelectMany(e => e.StoreList).DistinctBy(s => s.Id).ToList();
        var ttl = (environments.FirstOrDefault(e => e.Name == defaultName) ?? environments[0]).Authorization.CacheTtlSeconds;
        return new PlanDeployment(providers, stores, ttl);
    }
}
