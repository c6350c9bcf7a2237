using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using PetStore.Contract;

namespace PetStoreInfra.Constructs;

public sealed record PetsTableProps(bool Retain);

/// <summary>
/// The pets table: one item per pet keyed by the server-made <c>id</c>, on-demand, encrypted with the AWS managed
/// key, point-in-time recovery on. Retained and deletion-protected where the environment keeps data.
/// </summary>
public sealed class PetsTable : Construct
{
    public ITable Table { get; }

    public PetsTable(Construct scope, string id, PetsTableProps props) : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = PetsTableAccess.KeyAttribute, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            Encryption = TableEncryption.AWS_MANAGED,
            PointInTimeRecovery = true,
            DeletionProtection = props.Retain,
            RemovalPolicy = props.Retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
    }
}
