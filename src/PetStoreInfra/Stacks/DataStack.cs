using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>Stateful: the pets table and the tenant registry. Lives apart from the API so that API changes never touch data.</summary>
public sealed class DataStack : Stack
{
    public ITable PetsTable { get; }
    public ITable TenantsTable { get; }

    public DataStack(Construct scope, string id, IStackProps props, DeploymentConfig config) : base(scope, id, props)
    {
        PetsTable = new PetsTable(this, "PetsTable", new PetsTableProps(config.RetainData)).Table;
        TenantsTable = new TenantsTable(this, "TenantsTable", new TenantsTableProps(config.RetainData)).Table;
        // The onboarding CLI's --tenants-table.
        _ = new CfnOutput(this, "TenantsTableName", new CfnOutputProps { Value = TenantsTable.TableName, Description = "The tenant registry (src/PetStore.Tenants --tenants-table)" });
    }
}
