using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;

namespace PetStoreInfra.Constructs;

/// <param name="KeyAttribute">The string partition key, named where the code that reads the table names it.</param>
/// <param name="Index">A global secondary index: its name and string partition key, sorted by the table's key, all attributes projected.</param>
public sealed record DataTableProps(string KeyAttribute, bool Retain, (string Name, string KeyAttribute)? Index = null);

/// <summary>
/// A table of the Data stack, keyed by one string attribute: on-demand, encrypted with the AWS managed key,
/// point-in-time recovery on; retained and deletion-protected where the environment keeps data.
/// </summary>
public sealed class DataTable : Construct
{
    public ITable Table { get; }

    public DataTable(Construct scope, string id, DataTableProps props) : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = props.KeyAttribute, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            Encryption = TableEncryption.AWS_MANAGED,
            PointInTimeRecovery = true,
            DeletionProtection = props.Retain,
            RemovalPolicy = props.Retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        if (props.Index is { } index)
            ((Table)Table).AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index.Name,
                PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = index.KeyAttribute, Type = AttributeType.STRING },
                SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = props.KeyAttribute, Type = AttributeType.STRING },
                ProjectionType = ProjectionType.ALL,
            });
    }
}
