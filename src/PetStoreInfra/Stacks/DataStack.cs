using Amazon.CDK;
using Constructs;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>Stateful: the pets table and the tenant registry. Lives apart from the API so that API changes never touch data.</summary>
public sealed class DataStack : Stack
{
    public PetsTable Pets { get; }
    public TenantsTable Tenants { get; }

    public DataStack(Construct scope, string id, IStackProps props, DeploymentConfig config) : base(scope, id, props)
    {
        Pets = new PetsTable(this, "PetsTable", new PetsTableProps(config.RetainData));
        Tenants = new TenantsTable(this, "TenantsTable", new TenantsTableProps(config.RetainData));
        // The onboarding CLI's --tenants-table.
        _ = new CfnOutput(this, "TenantsTableName", new CfnOutputProps { Value = Tenants.Table.TableName, Description = "The tenant registry (src/PetStore.Tenants --tenants-table)" });
    }
}
