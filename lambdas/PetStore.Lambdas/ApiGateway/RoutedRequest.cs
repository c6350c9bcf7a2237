using PetStore.Contract;

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
}
