using Amazon.CDK;
using Constructs;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

public sealed record OperationsStackProps(DeploymentConfig Config, ApiStack Api, DataStack Data, PerimeterStack Perimeter);

/// <summary>Alarms, their topic and the dashboard for everything in the API's region.</summary>
public sealed class OperationsStack : Stack
{
    public ApiAlarms Alarms { get; }

    public OperationsStack(Construct scope, string id, IStackProps stackProps, OperationsStackProps props) : base(scope, id, stackProps)
    {
        var topic = new AlarmTopic(this, "AlarmTopic", new AlarmTopicProps(props.Config.Alarms.Email));
        Alarms = new ApiAlarms(this, "ApiAlarms", new ApiAlarmsProps(
            props.Config,
            props.Api.Api.Api,
            props.Api.Api.AccessLogs,
            props.Api.Functions.ToDictionary(f => f.Key.ToString(), f => f.Value),
            props.Api.AuthorizerFunction,
            props.Data.Pets.Table,
            props.Perimeter.OriginLock.WebAcl.Name!,
            topic.Topic));
    }
}
