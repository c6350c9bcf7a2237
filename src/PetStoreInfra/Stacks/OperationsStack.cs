using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Logs;
using Constructs;
using PetStore.Configuration;
using PetStore.Contract;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

/// <summary>What the operations stack watches, from the stacks that own it.</summary>
public sealed record OperationsStackProps(
    DeploymentConfig Config,
    RestApi Api,
    ILogGroup AccessLogs,
    IReadOnlyDictionary<Backend, DotnetFunction> Functions,
    DotnetFunction Authorizer,
    ITable PetsTable,
    ITable OrdersTable,
    string OriginWebAclName);

/// <summary>Alarms, their topic and the dashboard for everything in the API's region.</summary>
public sealed class OperationsStack : Stack
{
    public ApiAlarms Alarms { get; }

    public OperationsStack(Construct scope, string id, IStackProps stackProps, OperationsStackProps props) : base(scope, id, stackProps)
    {
        var topic = new AlarmTopic(this, "AlarmTopic", new AlarmTopicProps(props.Config.Alarms.Email));
        Alarms = new ApiAlarms(this, "ApiAlarms", new ApiAlarmsProps(
            props.Config,
            props.Api,
            props.AccessLogs,
            props.Functions.ToDictionary(f => f.Key.ToString(), f => f.Value),
            props.Authorizer,
            props.PetsTable,
            props.OrdersTable,
            props.OriginWebAclName,
            topic.Topic));
    }
}
