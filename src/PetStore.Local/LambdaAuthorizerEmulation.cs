using System.Collections.Concurrent;
using System.Text.Json;
using PetStore.Contract;
using Route = PetStore.Contract.Route;
using PetStore.Lambdas.Authorizer;

namespace PetStore.Local;

/// <summary>
/// API Gateway's REQUEST authorizer step, as deployed: each protected route has the cache plan the template declares
/// (<see cref="DecisionCacheRule"/>, the same code the CDK app uses). A request missing an identity source is a 401
/// without calling the function; otherwise the cached answer for the identity-source values (per authorizer, i.e.
/// per plan) is used while fresh, else the function is called and its answer cached for the plan's TTL. Either way the
/// answer's policy is then evaluated against this request's method ARN (<see cref="ExecuteApiPolicy"/>).
/// </summary>
public sealed class LambdaAuthorizerEmulation(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(DecisionCachePlan Plan, string Key), (AuthorizerResponse Response, DateTimeOffset Expires)> _cache = new();
    private volatile Deployment _deployment = new(new Dictionary<Route, DecisionCachePlan>(), _ => throw new InvalidOperationException("No authorizer deployed."));

    private sealed record Deployment(IReadOnlyDictionary<Route, DecisionCachePlan> Plans, Func<Stream, Task<Stream>> Function);

    /// <summary>Calls of the authorizer function so far (cache misses).</summary>
    public int Invocations => _invocations;
    private int _invocations;

    /// <summary>A new deployment: the plans and the function; cached answers are forgotten.</summary>
    public void Deploy(IReadOnlyDictionary<Route, DecisionCachePlan> plans, Func<Stream, Task<Stream>> function)
    {
        foreach (var source in plans.Values.SelectMany(p => p.IdentitySources).Distinct())
            _ = IdentitySourceValue(source, null);
        _deployment = new Deployment(plans, function);
        _cache.Clear();
    }

    public async Task<AuthorizerOutcome> AuthorizeAsync(GatewayRequest request)
    {
        var deployment = _deployment;
        var plan = deployment.Plans.TryGetValue(request.Route, out var found) ? found
            : throw new InvalidOperationException($"No authorizer is deployed for {request.Route}.");

        var values = plan.IdentitySources.Select(s => IdentitySourceValue(s, request)).ToList();
        // API Gateway checks the identity sources first: one missing or empty is a 401, and the function is not called.
        if (values.Any(string.IsNullOrEmpty)) return new(401, null, null);
        var key = (plan, string.Join('\n', values.Select(v => $"{v!.Length}:{v}")));

        AuthorizerResponse? answer = null;
        if (plan.Cached && _cache.TryGetValue(key, out var cached) && cached.Expires > clock.GetUtcNow()) answer = cached.Response;
        if (answer is null)
        {
            Interlocked.Increment(ref _invocations);
            try
            {
                var output = await deployment.Function(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(Event(request), AuthorizerJson.Default.AuthorizerEvent)));
                answer = await JsonSerializer.DeserializeAsync(output, AuthorizerJson.Default.AuthorizerResponse);
            }
            catch (Exception e) when (e.Message == "Unauthorized")
            {
                return new(401, null, null);
            }
            catch (Exception)
            {
                return new(503, GatewayMessages.AuthorizationUnavailable, null);
            }
            if (answer is null) return new(503, GatewayMessages.AuthorizationUnavailable, null);
            if (plan.Cached) _cache[key] = (answer, clock.GetUtcNow().AddSeconds(plan.TtlSeconds));
        }

        // The deployed ACCESS_DENIED response shows the answer's context message ({"message":"$context.authorizer.message"}).
        var logged = new Dictionary<string, string>(answer.Context) { ["principalId"] = answer.PrincipalId };
        if (!ExecuteApiPolicy.Allows(answer.PolicyDocument, request.MethodArn)) return new(403, answer.Context.GetValueOrDefault("message") ?? "", null, Answer: logged);
        var context = answer.Context.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value));
        context["principalId"] = JsonSerializer.SerializeToElement(answer.PrincipalId);
        return new(200, null, context, answer.UsageIdentifierKey, logged);
    }

    /// <summary>The value of one identity-source expression for a request (a null request only checks that it is supported).</summary>
    private static string? IdentitySourceValue(string source, GatewayRequest? request)
    {
        const string header = "method.request.header.";
        if (source.StartsWith(header, StringComparison.Ordinal))
            return request?.Headers.FirstOrDefault(h => string.Equals(h.Key, source[header.Length..], StringComparison.OrdinalIgnoreCase)).Value;
        return source switch
        {
            DecisionCacheRule.VerbSource => request?.Method,
            DecisionCacheRule.RouteSource => request?.Route.Path,
            _ => throw new NotSupportedException($"Local mode cannot emulate the identity source '{source}'."),
        };
    }

    private static AuthorizerEvent Event(GatewayRequest request) => new()
    {
        Type = "REQUEST",
        MethodArn = request.MethodArn,
        Resource = request.Route.Path,
        Path = request.Path,
        HttpMethod = request.Method,
        Headers = request.Headers.ToDictionary(StringComparer.OrdinalIgnoreCase),
        PathParameters = request.PathParameters.ToDictionary(),
        RequestContext = new AuthorizerRequestContext { RequestId = request.RequestId },
    };
}
