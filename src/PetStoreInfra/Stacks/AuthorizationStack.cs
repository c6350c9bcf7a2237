using Amazon.CDK;
using Constructs;
using PetStore.Cedar;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>The Verified Permissions policy store and its policies, deployed from cedar/, and where configured the trail of its decisions.</summary>
public sealed class AuthorizationStack : Stack
{
    public PetStorePolicyStore PolicyStore { get; }

    /// <summary>The record of the store's decisions, where <c>auditTrail.enabled</c>; beside the store, so it needs no export.</summary>
    public AuditTrail? AuditTrail { get; }

    public AuthorizationStack(Construct scope, string id, IStackProps props, PolicyStoreDefinition policies, DeploymentConfig config) : base(scope, id, props)
    {
        PolicyStore = new PetStorePolicyStore(this, "PolicyStore", new PetStorePolicyStoreProps(policies));
        if (config.AuditTrail.Enabled)
            AuditTrail = new AuditTrail(this, "AuditTrail",
                new AuditTrailProps($"petstore-{config.Name}-decisions", PolicyStore.PolicyStoreArn, config.AuditTrail.RetentionDays));
    }
}
