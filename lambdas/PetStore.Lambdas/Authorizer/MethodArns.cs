using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The resource of the policy the authorizer returns (<see cref="PolicyScope"/>). API Gateway compares it with the
/// request's method ARN, <c>arn:aws:execute-api:region:account:api/stage/VERB/path</c>, also when it serves the answer
/// from its cache to a later request with the same cache key.
/// </summary>
public static class MethodArns
{
    /// <summary>What an answer with <paramref name="scope"/> covers for a request of <paramref name="routePath"/>.</summary>
    public static string For(PolicyScope scope, string methodArn, string routePath) =>
        scope == PolicyScope.Route ? ForRoute(methodArn, routePath) : methodArn;

    /// <summary>
    /// Every method ARN of the route with this API, stage and verb, however the path is spelled: parameters as
    /// <c>*</c>, and a <c>*</c> wherever API Gateway accepts extra slashes (before a segment, at the end), so
    /// <c>/pets</c> gives <c>.../dev/POST/*pets*</c> and covers <c>//pets</c>, <c>/pets/</c> and <c>/pets//</c>, and
    /// <c>/admin/{proxy+}</c> gives <c>.../dev/GET/*admin/*</c>. A cached answer is only reused for requests with the
    /// same cache key (token, verb and route), so the wildcards reach no other route.
    /// </summary>
    public static string ForRoute(string methodArn, string routePath) => ForRoute(methodArn, Parts(methodArn)[2], routePath);

    /// <summary>Every method ARN of these routes, for each of their verbs, in this API and stage.</summary>
    public static IReadOnlyList<string> ForRoutes(string methodArn, IEnumerable<Route> routes) =>
        [.. routes.SelectMany(r => r.Methods.Select(verb => ForRoute(methodArn, verb, r.Path)))];

    private static string ForRoute(string methodArn, string verb, string routePath)
    {
        var parts = Parts(methodArn);
        var segments = RoutePath.Segments(routePath).Select(s => RoutePath.IsParameter(s) ? "" : s);
        var pattern = ("*" + string.Join("/*", segments) + "*").Replace("**", "*");
        return $"{parts[0]}/{parts[1]}/{verb}/{pattern}";
    }

    // arn:aws:execute-api:region:account:apiId/stage/VERB/path...
    private static string[] Parts(string methodArn)
    {
        var parts = methodArn.Split('/');
        return parts.Length >= 3 ? parts : throw new ArgumentException($"'{methodArn}' is not an execute-api method ARN.", nameof(methodArn));
    }
}
