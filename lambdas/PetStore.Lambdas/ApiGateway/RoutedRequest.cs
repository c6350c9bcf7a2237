using PetStore.Aws;
using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.ApiGateway;

/// <summary>
/// A proxy request with its route and its path parameters read once by <see cref="RouteParameters"/>, the reading the
/// authorizer gave Cedar: handlers act on these values only, so what a policy decided about is what they act on.
/// </summary>
public sealed record RoutedRequest(Route Route, ProxyRequest Request, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The canonical value of a parameter the route declares.</summary>
    public string Parameter(string name) => Parameters[name];

    /// <summary>Finds the route (404 if none), reads its parameters (400 with the problem if refused), then calls <paramref name="handle"/>.</summary>
    public static Task<ProxyResponse> DispatchAsync(ProxyRequest request, Func<RoutedRequest, Task<ProxyResponse>> handle)
    {
        if (RouteTable.Find(request.HttpMethod, request.Resource) is not { } route)
            return Task.FromResult(ApiResult.NotFound($"No route for {request.HttpMethod} {request.Resource}."));
        var reading = RouteParameters.Read(route, request.PathParameters);
        return reading.IsValid
            ? handle(new RoutedRequest(route, request, reading.Values))
            : Task.FromResult(ApiResult.BadRequest(reading.Problem!));
    }

    /// <summary>
    /// <see cref="DispatchAsync"/> for the routes that read and write data and decide on it: Verified Permissions that
    /// cannot answer is a 503; so is a table, logged as <paramref name="unavailable"/>, with the operation's advice on
    /// retrying safely (a write that got no answer may have happened).
    /// </summary>
    public static async Task<ProxyResponse> DispatchDataAsync(ProxyRequest request, Func<RoutedRequest, Task<ProxyResponse>> handle, JsonLog log,
        string table, string unavailable, Func<string?, string?> howToRetry)
    {
        try
        {
            return await DispatchAsync(request, handle);
        }
        catch (AuthorizationUnavailableException)
        {
            return ApiResult.Unavailable("authorization service");
        }
        catch (Exception e) when (AwsServiceException.IsUnavailable(e))
        {
            log.Error(unavailable, ("errorType", e is AwsServiceException aws ? aws.ErrorType : e.GetType().Name));
            return ApiResult.Unavailable(table, howToRetry(RouteTable.Find(request.HttpMethod, request.Resource)?.Operation));
        }
    }
}
