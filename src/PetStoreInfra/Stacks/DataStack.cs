using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>Stateful: the pets table. Lives apart from the API so that API changes never touch data.</summary>
public sealed class DataStack : Stack
{
    public ITable PetsTable { get; }

    public DataStack(Construct scope, string id, IStackProps props, DeploymentConfig config) : base(scope, id, props)
    {
        PetsTable = new PetsTable(this, "PetsTable", new PetsTableProps(config.RetainData)).Table;
    }
}
