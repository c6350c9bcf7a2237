using Amazon.CDK;
using Constructs;
using PetStore.Cedar;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>The Verified Permissions policy store and its policies, deployed from cedar/.</summary>
public sealed class AuthorizationStack : Stack
{
    public PetStorePolicyStore PolicyStore { get; }

    public AuthorizationStack(Construct scope, string id, IStackProps props, PolicyStoreDefinition policies) : base(scope, id, props)
    {
        PolicyStore = new PetStorePolicyStore(this, "PolicyStore", new PetStorePolicyStoreProps(policies));
    }
}
