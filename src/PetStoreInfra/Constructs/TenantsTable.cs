using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using PetStore.Contract;

namespace PetStoreInfra.Constructs;

public sealed record TenantsTableProps(bool Retain);

/// <summary>
/// The tenant registry: one item per machine-client identity (<see cref="TenantRegistry"/>): tenant, API key, tier,
/// status. Written by the onboarding CLI, read by the authorizer (GetItem only). On-demand, encrypted, point-in-time
/// recovery; retained and deletion-protected where the environment keeps data, like the pets table.
/// </summary>
public sealed class TenantsTable : Construct
{
    public ITable Table { get; }

    public TenantsTable(Construct scope, string id, TenantsTableProps props) : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = TenantRegistry.Key, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            Encryption = TableEncryption.AWS_MANAGED,
            PointInTimeRecovery = true,
            DeletionProtection = props.Retain,
            RemovalPolicy = props.Retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
    }
}
