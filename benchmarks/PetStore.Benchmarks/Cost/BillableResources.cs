using PetStore.Configuration;
using PetStore.Contract;

namespace PetStore.Benchmarks.Cost;

/// <summary>
/// What one environment's deployment is billed for, derived from its configuration the way the stacks build it, so
/// that the cost model (benchmarks/PetStore.Benchmarks, <c>cost</c>) prices what deploys without synthesizing. Tests
/// compare it with the synthesized templates of every environment, so the two cannot drift apart.
/// </summary>
public sealed record BillableResources(
    IReadOnlyList<BillableFunction> Functions,
    IReadOnlyList<BillableWebAcl> WebAcls,
    string CognitoFeaturePlan,
    string CloudFrontPriceClass,
    int AuthorizerCacheTtlSeconds,
    int SignedInCacheTtlSeconds,
    int AccessTokenValidityMinutes,
    IReadOnlySet<string> GroupsSigningInWithMfa,
    bool RecordsDecisions)
{
    public const string EdgeScope = "CLOUDFRONT";
    public const string RegionalScope = "REGIONAL";

    public static BillableResources For(DeploymentConfig config) => new(
        [.. ApiManifest.Functions.Select(f => f.SizedAsAuthorizer
            ? new BillableFunction(f.Handler, config.Lambda.AuthorizerMemorySizeMb, config.Lambda.Architecture, config.Lambda.AuthorizerRuntime)
            : new BillableFunction(f.Handler, config.Lambda.MemorySizeMb, config.Lambda.Architecture, config.Lambda.Runtime))],
        [
            // The edge ACL: the managed rule groups and the rate limit per IP (EdgeWebAcl).
            new BillableWebAcl(EdgeScope, ConfigLoader.ManagedRuleGroups.Count + ConfigLoader.EdgeRateRules),
            // The origin lock on the stage: one rule, the secret header (OriginLock).
            new BillableWebAcl(RegionalScope, 1),
        ],
        // Threat protection needs the Plus plan (PetStoreUserPool).
        config.ThreatProtection == ThreatProtectionMode.Off ? "ESSENTIALS" : "PLUS",
        config.Perimeter.PriceClass,
        config.Authorization.CacheTtlSeconds,
        config.Authorization.SignedInCacheTtlSeconds,
        config.AccessTokenValidityMinutes,
        // A pool that requires MFA answers every password sign-in with a TOTP challenge: a second request, POST /login/mfa.
        config.UserPools.Where(p => p.Mfa == PoolMfa.Required).SelectMany(p => p.Groups).ToHashSet(),
        // The audit trail records every Verified Permissions call as a data event (AuditTrail).
        config.AuditTrail.Enabled);

    public BillableFunction Function(string handler) =>
        Functions.SingleOrDefault(f => f.Handler == handler) ?? throw new ArgumentException($"No deployed function has the handler {handler}.", nameof(handler));
}
