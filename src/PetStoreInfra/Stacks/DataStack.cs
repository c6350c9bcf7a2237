using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using PetStore.Configuration;
using PetStore.Contract;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>Stateful: the pets and orders tables and the tenant registry. Lives apart from the API so that API changes never touch data.</summary>
public sealed class DataStack : Stack
{
    public ITable PetsTable { get; }
    public ITable OrdersTable { get; }
    public ITable TenantsTable { get; }

    public DataStack(Construct scope, string id, IStackProps props, DeploymentConfig config) : base(scope, id, props)
    {
        // One item per pet, keyed by the server-made id.
        PetsTable = new DataTable(this, "PetsTable", new DataTableProps(PetsTableAccess.KeyAttribute, config.RetainData)).Table;
        // One item per order, keyed by the server-made id; placed and cancelled together with its pet (TransactWriteItems);
        // indexed by owner, for the callers the policies show only their own orders.
        OrdersTable = new DataTable(this, "OrdersTable", new DataTableProps(OrdersTableAccess.KeyAttribute, config.RetainData,
            (OrdersTableAccess.OwnerIndex, OrdersTableAccess.OwnerAttribute))).Table;
        // One item per machine-client identity (tenant, API key, tier, status): written by the onboarding CLI, read by
        // the authorizer with GetItem only.
        TenantsTable = new DataTable(this, "TenantsTable", new DataTableProps(TenantRegistry.Key, config.RetainData)).Table;
        // The onboarding CLI's --tenants-table.
        _ = new CfnOutput(this, "TenantsTableName", new CfnOutputProps { Value = TenantsTable.TableName, Description = "The tenant registry (src/PetStore.Tenants --tenants-table)" });
    }
}
