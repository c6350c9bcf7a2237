using System.Text.Json;
using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Logging;
using PetStore.Lambdas.Tenants;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Lambda entry point of the REQUEST authorizer. Handler: <c>PetStore.Lambdas::PetStore.Lambdas.Authorizer.AuthorizerFunction::HandleAsync</c>.
/// Failing with "Unauthorized" makes API Gateway answer 401; any other failure is a 503 (see the gateway responses).
/// </summary>
public sealed class AuthorizerFunction(PolicyAuthorizer authorizer, JsonLog log)
{
    public AuthorizerFunction() : this(FunctionEnvironment.FromProcess()) { }

    public AuthorizerFunction(FunctionEnvironment environment) : this(environment, JsonLog.ForFunction()) { }

    /// <summary>Around an authorizer built elsewhere (tests, benchmarks); its log lines still carry the invocation's keys.</summary>
    public AuthorizerFunction(PolicyAuthorizer authorizer) : this(authorizer, JsonLog.ForFunction()) { }

    private AuthorizerFunction(FunctionEnvironment environment, JsonLog log) : this(Create(environment, log), log) { }

    public async Task<Stream> HandleAsync(Stream input)
    {
        using var invocation = log.BeginInvocation();
        var request = await JsonSerializer.DeserializeAsync(input, AuthorizerJson.Default.AuthorizerEvent)
            ?? throw new UnauthorizedException();
        invocation.RequestId = request.RequestContext?.RequestId;
        var response = await authorizer.AuthorizeAsync(request);
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, AuthorizerJson.Default.AuthorizerResponse);
        output.Position = 0;
        return output;
    }

    private static PolicyAuthorizer Create(FunctionEnvironment environment, JsonLog log)
    {
        var timeout = environment.Milliseconds(FunctionVariables.AvpTimeoutMs, TimeSpan.FromMilliseconds(FunctionVariables.DefaultAvpTimeoutMs));
        var region = environment.Region;
        var credentials = AwsHttp.Credentials();
        var avp = VerifiedPermissionsClient.Create(environment, credentials);
        // Warming up on another thread only pays with a second core; Lambda's cgroup quota below 2 vCPUs (under
        // 3,538 MB) makes ProcessorCount 1, and then the first request does this work itself.
        if (Environment.ProcessorCount > 1) ColdStartWarmup.Start(credentials, region);
        var issuers = TrustedIssuers.Parse(environment.Required(FunctionVariables.TrustedIssuers));
        var keys = new JwksCache(AwsHttp.Plain(timeout), TimeProvider.System);
        // While the runtime finishes starting, fetch the signing keys the first request will need.
        keys.Prefetch(issuers);
        var tokens = new AccessTokenValidator(issuers, keys);
        var scopes = PolicyScopes.Parse(environment.Required(FunctionVariables.PolicyScopes));
        // The registry's client is made on the first tenant lookup (most cold starts serve people first); its settings
        // are read now, so a missing one still fails the initialization.
        var table = environment.Required(FunctionVariables.TenantsTableName);
        var dynamoEndpoint = environment.Optional(FunctionVariables.DynamoDbEndpoint);
        var registry = new DeferredTenantRegistry(() => DynamoTenantRegistry.Create(
            AwsHttp.Endpoint(dynamoEndpoint, "dynamodb", region), region, timeout, credentials, table));
        var tenants = new CachedTenantRegistry(registry, environment.Seconds(FunctionVariables.TenantCacheSeconds, TimeSpan.FromSeconds(FunctionVariables.DefaultTenantCacheSeconds)), TimeProvider.System);
        return new PolicyAuthorizer(tokens, avp, environment.Required(FunctionVariables.PolicyStoreId), scopes, log,
            tenants, environment.Required(FunctionVariables.InteractiveApiKey), environment.Required(FunctionVariables.PolicyVersion),
            environment.PositiveInt(FunctionVariables.InteractiveKeyCount));
    }
}
