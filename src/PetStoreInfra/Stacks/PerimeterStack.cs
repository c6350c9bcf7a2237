using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Constructs;
using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Stacks;

public sealed record PerimeterStackProps(DeploymentConfig Config, RestApi Api, string EdgeWebAclArn);

/// <summary>
/// In the API's region: the CloudFront distribution users call (with the edge web ACL from us-east-1) and the origin
/// lock that refuses anything that did not come through it.
/// </summary>
public sealed class PerimeterStack : Stack
{
    public OriginLock OriginLock { get; }
    public ApiDistribution Distribution { get; }

    /// <summary>The origin lock's web ACL, whose blocked requests the operations stack watches.</summary>
    public string OriginWebAclName => OriginLock.WebAcl.Name!;

    public PerimeterStack(Construct scope, string id, IStackProps stackProps, PerimeterStackProps props) : base(scope, id, stackProps)
    {
        var config = props.Config;
        OriginLock = new OriginLock(this, "OriginLock", new OriginLockProps(
            props.Api.DeploymentStage, $"petstore-{config.Name}-origin", config.Perimeter.OriginSecret,
            config.LogRetentionDays, config.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY));

        Distribution = new ApiDistribution(this, "Cdn", new ApiDistributionProps(
            props.Api, props.EdgeWebAclArn, OriginLock.ActiveSecret, config.Perimeter, config.LogRetentionDays));

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps
        {
            Value = $"https://{config.Perimeter.DomainName ?? Distribution.Distribution.DistributionDomainName}/",
            Description = "The Pet Store API, through CloudFront (the execute-api URL refuses direct calls)",
        });
    }
}
