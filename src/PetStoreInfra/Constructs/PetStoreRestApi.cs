using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using PetStore.Contract;
using PetStore.Configuration;
using PetStoreInfra.Configuration;

namespace PetStoreInfra.Constructs;

/// <param name="Authorization">How each route that is not public is authorized.</param>
public sealed record PetStoreRestApiProps(
    DeploymentConfig Config,
    IReadOnlyDictionary<Backend, IFunction> Backends,
    IReadOnlyDictionary<Route, MethodAuthorization> Authorization);

/// <summary>
/// The REST API, built from <see cref="RouteTable"/>: one method per route, its integration from the route's
/// backend, its authorizer from the route's access level, its body model from its operation. The stage logs every
/// request as JSON, traces with X-Ray, logs execution errors and throttles from configuration. API Gateway denies
/// every path and verb not in the table.
/// </summary>
public sealed class PetStoreRestApi : Construct
{
    public RestApi Api { get; }
    public ILogGroup AccessLogs { get; }
    public IReadOnlyList<UsagePlan> UsagePlans { get; }
    public IReadOnlyList<IApiKey> InteractiveKeys { get; }

    public PetStoreRestApi(Construct scope, string id, PetStoreRestApiProps props) : base(scope, id)
    {
        var config = props.Config;
        AccessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = LogRetentionDays.ToRetentionDays(config.LogRetentionDays),
            RemovalPolicy = config.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        var logging = new ApiGatewayLoggingRole(this, "LoggingRole");

        Api = new RestApi(this, "Api", new RestApiProps
        {
            RestApiName = $"PetStore-{config.Name}",
            Description = "Pet Store API",
            EndpointConfiguration = new EndpointConfiguration { Types = [EndpointType.REGIONAL] },
            // Keys come only from the authorizer's usageIdentifierKey: clients never send (or hold) one.
            ApiKeySourceType = ApiKeySourceType.AUTHORIZER,
            CloudWatchRole = false,
            DeployOptions = new StageOptions
            {
                StageName = config.StageName,
                ThrottlingRateLimit = config.Throttling.RateLimit,
                ThrottlingBurstLimit = config.Throttling.BurstLimit,
                AccessLogDestination = new LogGroupLogDestination(AccessLogs),
                AccessLogFormat = Amazon.CDK.AWS.APIGateway.AccessLogFormat.Custom(AccessLog.Format),
                TracingEnabled = true,
                LoggingLevel = MethodLoggingLevel.ERROR,
                // Never log bodies or headers: they carry passwords and tokens.
                DataTraceEnabled = false,
                MetricsEnabled = true,
                MethodOptions = config.Throttling.Methods.ToDictionary(
                    m => MethodOptionsKey(m.Key),
                    m => (IMethodDeploymentOptions)new MethodDeploymentOptions { ThrottlingRateLimit = m.Value.RateLimit, ThrottlingBurstLimit = m.Value.BurstLimit }),
            },
        });
        Api.DeploymentStage.Node.AddDependency(logging.Account);

        // Every method validates its body (against its model, if it has one) and its declared parameters.
        var bodies = new RequestValidator(this, "BodyValidator", new RequestValidatorProps
        {
            RestApi = Api,
            ValidateRequestBody = true,
            ValidateRequestParameters = true,
        });

        var methods = new Dictionary<string, Method>(StringComparer.Ordinal);
        foreach (var route in RouteTable.All)
        {
            var resource = ResourceFor(route.Path);
            Integration integration = route.Backend == Backend.Mock
                ? WelcomeIntegration()
                : new LambdaIntegration(props.Backends[route.Backend], new LambdaIntegrationOptions { AllowTestInvoke = false });
            var model = RequestModels.ByOperation.TryGetValue(route.Operation, out var schema)
                ? Api.AddModel($"{route.Operation}Body", new ModelOptions { ContentType = "application/json", Schema = schema })
                : null;
            methods[route.ToString()] = resource.AddMethod(route.Method, integration, MethodOptionsFor(route, props.Authorization, model, bodies));
        }

        // Limits apply per API key. Each key may take at most a share of the stage's bucket (the configuration checks
        // it) and of each throttled method's, so no caller, on any route, can empty a bucket others share.
        UsagePlans = [.. config.UsagePlans.Tiers.Select(tier => Api.AddUsagePlan($"{char.ToUpperInvariant(tier.Key[0])}{tier.Key[1..]}UsagePlan", new UsagePlanProps
        {
            Name = UsagePlanNames.Plan(config.Name, tier.Key),
            Description = tier.Key == config.UsagePlans.InteractiveTier ? "People signed in through an app client, spread over the interactive keys" : $"Tenant tier {tier.Key}",
            Throttle = new ThrottleSettings { RateLimit = tier.Value.RateLimit, BurstLimit = tier.Value.BurstLimit },
            Quota = tier.Value.QuotaPerDay is { } quota ? new QuotaSettings { Limit = quota, Period = Period.DAY } : null,
            ApiStages =
            [
                new UsagePlanPerApiStage
                {
                    Api = Api,
                    Stage = Api.DeploymentStage,
                    Throttle = [.. config.Throttling.Methods.Where(m => methods.ContainsKey(m.Key) && RouteOf(m.Key).Access != Access.Public)
                        .Select(m => new ThrottlingPerMethod
                        {
                            Method = methods[m.Key],
                            Throttle = new ThrottleSettings
                            {
                                RateLimit = Math.Min(tier.Value.RateLimit, m.Value.RateLimit * ConfigLoader.MaxShareOfStage),
                                BurstLimit = Math.Max(1, (int)Math.Min(tier.Value.BurstLimit, m.Value.BurstLimit * ConfigLoader.MaxShareOfStage)),
                            },
                        })],
                },
            ],
        }))];

        // People are metered under keys the authorizer picks by principal, one person always on the same key. Their
        // values are not secrets: with the AUTHORIZER key source, a key a client sends is never read.
        var interactivePlan = UsagePlans.Single(p => ((CfnUsagePlan)p.Node.DefaultChild!).UsagePlanName == UsagePlanNames.Plan(config.Name, config.UsagePlans.InteractiveTier));
        var names = UsagePlanNames.InteractiveKeyNames(config.Name, config.UsagePlans.InteractiveKeys);
        InteractiveKeys = [.. UsagePlanNames.InteractiveKeyValues(config.Name, config.UsagePlans.InteractiveKeys).Select((value, i) =>
        {
            var key = Api.AddApiKey(i == 0 ? "InteractiveApiKey" : $"InteractiveApiKey{i:D2}", new ApiKeyOptions
            {
                ApiKeyName = names[i],
                Value = value,
                Description = "A key the authorizer returns for people (not tenants)",
            });
            interactivePlan.AddApiKey(key);
            return key;
        })];

        AddJsonGatewayResponses();
    }

    private static Route RouteOf(string key) => RouteTable.All.Single(r => r.ToString() == key);

    /// <summary>CDK keys stage method settings as <c>/resource/path/VERB</c>.</summary>
    private static string MethodOptionsKey(string route)
    {
        var (method, path) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
        return $"{(path == "/" ? "" : path)}/{method}";
    }

    /// <summary>
    /// Finds or adds the resource for a path segment by segment (ResourceForPath("/") fails to cast through jsii in
    /// .NET).
    /// </summary>
    private Amazon.CDK.AWS.APIGateway.IResource ResourceFor(string path)
    {
        Amazon.CDK.AWS.APIGateway.IResource resource = Api.Root;
        foreach (var segment in RoutePath.Segments(path))
            resource = resource.GetResource(segment) ?? resource.AddResource(segment);
        return resource;
    }

    private static MethodOptions MethodOptionsFor(Route route, IReadOnlyDictionary<Route, MethodAuthorization> authorization,
        IModel? model, IRequestValidator validator)
    {
        var responses = route.Backend == Backend.Mock ? new[] { new MethodResponse { StatusCode = "200" } } : null;
        var models = model is null ? null : new Dictionary<string, IModel> { ["application/json"] = model };
        var parameters = route.PathParameters.Count == 0 ? null : route.PathParameters.ToDictionary(p => $"method.request.path.{p}", _ => true);
        if (route.Access == Access.Public)
        {
            return new MethodOptions
            {
                AuthorizationType = AuthorizationType.NONE,
                MethodResponses = responses,
                RequestModels = models,
                RequestParameters = parameters,
                RequestValidator = validator,
            };
        }

        var how = authorization[route];
        return new MethodOptions
        {
            Authorizer = how.Authorizer,
            AuthorizationType = how.Authorizer.AuthorizationType,
            AuthorizationScopes = how.Scopes.Count > 0 ? [.. how.Scopes] : null,
            // Every caller is metered by a usage plan: the authorizer supplies the key (a tenant's, or the interactive one).
            ApiKeyRequired = true,
            MethodResponses = responses,
            RequestModels = models,
            RequestParameters = parameters,
            RequestValidator = validator,
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
                ResponseTemplates = new Dictionary<string, string> { ["application/json"] = $"{{\"message\":\"{GatewayMessages.Welcome}\"}}" },
            },
        ],
    });

    /// <summary>
    /// API Gateway's own errors (no route, unauthorized, denied, throttled, invalid body, blocked by WAF) answer in the
    /// same JSON shape as the handlers. An authorizer that cannot decide (Verified Permissions unreachable) is a 503,
    /// never an allow.
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
        // The authorizer says why it denied (a Cedar deny, an unknown or suspended tenant) in its context's message.
        Api.AddGatewayResponse("AccessDenied", new GatewayResponseOptions
        {
            Type = ResponseType_.ACCESS_DENIED,
            StatusCode = "403",
            Templates = new Dictionary<string, string> { ["application/json"] = "{\"message\":\"$context.authorizer.message\"}" },
        });

        var unavailable = new Dictionary<string, string> { ["application/json"] = $"{{\"message\":\"{GatewayMessages.AuthorizationUnavailable}\"}}" };
        Api.AddGatewayResponse("AuthorizerFailure", new GatewayResponseOptions { Type = ResponseType_.AUTHORIZER_FAILURE, StatusCode = "503", Templates = unavailable });
        Api.AddGatewayResponse("AuthorizerConfigurationError", new GatewayResponseOptions
        {
            Type = ResponseType_.AUTHORIZER_CONFIGURATION_ERROR,
            StatusCode = "503",
            Templates = unavailable,
        });
    }
}
