using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Admin;

/// <summary>ANY /admin/{proxy+}: reaching it at all is the point; the authorizer has already decided.</summary>
public static class AdminApi
{
    public static Task<ProxyResponse> HandleAsync(ProxyRequest request) => RoutedRequest.DispatchAsync(request, routed =>
        Task.FromResult(ApiResult.Message(200, $"User authorized for /admin/{routed.Parameter("proxy")}")));
}
