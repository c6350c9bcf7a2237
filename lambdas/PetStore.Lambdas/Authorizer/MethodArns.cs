namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The resource of the policy the authorizer returns. API Gateway caches that policy per token, verb and resource
/// path, so it must cover every request path of the route, not only the one that was asked: the method ARN's API,
/// stage and verb with the route's path, parameters as wildcards (<c>.../dev/GET/admin/*</c>).
/// </summary>
public static class MethodArns
{
    public static string ForRoute(string methodArn, string routePath)
    {
        // arn:aws:execute-api:region:account:apiId/stage/VERB/path...
        var parts = methodArn.Split('/');
        if (parts.Length < 3) throw new ArgumentException($"'{methodArn}' is not an execute-api method ARN.", nameof(methodArn));
        var path = string.Join('/', routePath.Split('/').Select(s => s.StartsWith('{') ? "*" : s));
        return $"{parts[0]}/{parts[1]}/{parts[2]}{(path == "/" ? "/" : path)}";
    }
}
