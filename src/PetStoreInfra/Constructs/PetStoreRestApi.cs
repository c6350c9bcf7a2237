using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using PetStore.Contract;
using PetStoreInfra.Configuration;

namespace PetStoreInfra.Constructs;

/// <summary>How one <see cref="Access"/> level is enforced on a method.</summary>
public sealed record MethodAuthorization(IAuthorizer Authorizer, IReadOnlyList<string> Scopes);

public sealed record PetStoreRestApiProps(
    DeploymentConfig Config,
    IReadOnlyDictionary<Backend, IFunction> Backends,
    IReadOnlyDictionary<Access, MethodAuthorization> Authorization);

/// <summary>
/// The REST API, built from <see cref="RouteTable"/>: one method per route, its integration from the route's
/// backend and its authorizer from the route's access level. API Gateway denies every path and verb not in the table.
/// </summary>
public sealed class PetStoreRestApi : Construct
{
    public const string WelcomeMessage = "Welcome to your Pet Store API";

    public RestApi Api { get; }

    public PetStoreRestApi(Construct scope, string id, PetStoreRestApiProps props) : base(scope, id)
    {
        var config = props.Config;
        Api = new RestApi(this, "Api", new RestApiProps
        {
            RestApiName = $"PetStore-{config.Name}",
            Description = "Pet Store API",
            EndpointConfiguration = new EndpointConfiguration { Types = [EndpointType.REGIONAL] },
            CloudWatchRole = false,
            DeployOptions = new StageOptions
            {
                StageName = config.StageName,
                ThrottlingRateLimit = config.Throttling.RateLimit,
                ThrottlingBurstLimit = config.Throttling.BurstLimit,
            },
        });

        foreach (var route in RouteTable.All)
        {
            var resource = ResourceFor(route.Path);
            Integration integration = route.Backend == Backend.Mock ? WelcomeIntegration() : new LambdaIntegration(props.Backends[route.Backend], new LambdaIntegrationOptions { AllowTestInvoke = false });
            resource.AddMethod(route.Method, integration, MethodOptionsFor(route, props.Authorization));
        }

        AddJsonGatewayResponses();
    }

    /// <summary>
    /// Finds or adds the resource for a path segment by segment (ResourceForPath("/") fails to cast through jsii in
    /// .NET).
    /// </summary>
    private IResource ResourceFor(string path)
    {
        IResource resource = Api.Root;
        foreach (var segment in RoutePath.Segments(path))
            resource = resource.GetResource(segment) ?? resource.AddResource(segment);
        return resource;
    }

    private static MethodOptions MethodOptionsFor(Route route, IReadOnlyDictionary<Access, MethodAuthorization> authorization)
    {
        var responses = route.Backend == Backend.Mock ? new[] { new MethodResponse { StatusCode = "200" } } : null;
        if (route.Access == Access.Public)
            return new MethodOptions { AuthorizationType = AuthorizationType.NONE, MethodResponses = responses };

        var how = authorization[route.Access];
        return new MethodOptions
        {
            Authorizer = how.Authorizer,
            AuthorizationType = how.Authorizer.AuthorizationType,
            AuthorizationScopes = how.Scopes.Count > 0 ? [.. how.Scopes] : null,
            MethodResponses = responses,
        };
    }

    private static MockIntegration WelcomeIntegration() => new(new IntegrationOptions
    {
        RequestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" },
        PassthroughBehavior = PassthroughBehavior.NEVER,
        IntegrationResponses =
        [
            new IntegrationResponse
            {
                StatusCode = "200",
                ResponseTemplates = new Dictionary<string, string> { ["application/json"] = $"{{\"message\":\"{WelcomeMessage}\"}}" },
            },
        ],
    });

    public const string AuthorizationUnavailableMessage = "Authorization is temporarily unavailable; retry the request.";

    /// <summary>
    /// API Gateway's own errors (no route, unauthorized, denied, throttled) answer in the same JSON shape as the
    /// handlers. An authorizer that cannot decide (Verified Permissions unreachable) is a 503, never an allow.
    /// </summary>
    private void AddJsonGatewayResponses()
    {
        var json = new Dictionary<string, string> { ["application/json"] = "{\"message\":$context.error.messageString}" };
        Api.AddGatewayResponse("Default4xx", new GatewayResponseOptions { Type = ResponseType_.DEFAULT_4XX, Templates = json });
        Api.AddGatewayResponse("Default5xx", new GatewayResponseOptions { Type = ResponseType_.DEFAULT_5XX, Templates = json });
        Api.AddGatewayResponse("Unauthorized", new GatewayResponseOptions
        {
            Type = ResponseType_.UNAUTHORIZED,
            StatusCode = "401",
            Templates = json,
            ResponseHeaders = new Dictionary<string, string> { ["WWW-Authenticate"] = "'Bearer'" },
        });
        Api.AddGatewayResponse("AccessDenied", new GatewayResponseOptions { Type = ResponseType_.ACCESS_DENIED, StatusCode = "403", Templates = json });

        var unavailable = new Dictionary<string, string> { ["application/json"] = $"{{\"message\":\"{AuthorizationUnavailableMessage}\"}}" };
        Api.AddGatewayResponse("AuthorizerFailure", new GatewayResponseOptions { Type = ResponseType_.AUTHORIZER_FAILURE, StatusCode = "503", Templates = unavailable });
        Api.AddGatewayResponse("AuthorizerConfigurationError", new GatewayResponseOptions
        {
            Type = ResponseType_.AUTHORIZER_CONFIGURATION_ERROR,
            StatusCode = "503",
            Templates = unavailable,
        });
    }
}
