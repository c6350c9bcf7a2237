using Amazon.CDK.AwsVerifiedpermissions;
using Constructs;
using PetStore.Cedar;

namespace PetStoreInfra.Constructs;

public sealed record PetStorePolicyStoreProps(PolicyStoreDefinition Definition);

/// <summary>
/// The Verified Permissions policy store: STRICT validation against the schema from cedar/, and one static policy
/// per Cedar policy, its construct id taken from the policy's <c>@id</c> so that editing or reordering files never
/// replaces another policy.
/// </summary>
public sealed class PetStorePolicyStore : Construct
{
    public CfnPolicyStore Store { get; }
    public string PolicyStoreId => Store.AttrPolicyStoreId;
    public string PolicyStoreArn => Store.AttrArn;

    public PetStorePolicyStore(Construct scope, string id, PetStorePolicyStoreProps props) : base(scope, id)
    {
        Store = new CfnPolicyStore(this, "Store", new CfnPolicyStoreProps
        {
            Description = "Pet Store API authorization (schema and policies from cedar/)",
            ValidationSettings = new CfnPolicyStore.ValidationSettingsProperty { Mode = "STRICT" },
            Schema = new CfnPolicyStore.SchemaDefinitionProperty { CedarJson = props.Definition.Schema.ToJsonText() },
        });

        var policies = new Construct(this, "Policies");
        foreach (var policy in props.Definition.Policies)
        {
            _ = new CfnPolicy(policies, policy.Id, new CfnPolicyProps
            {
                PolicyStoreId = Store.AttrPolicyStoreId,
                Definition = new CfnPolicy.PolicyDefinitionProperty
                {
                    Static = new CfnPolicy.StaticPolicyDefinitionProperty
                    {
                        Statement = policy.Statement,
                        Description = policy.Description,
                    },
                },
            });
        }
    }
}
