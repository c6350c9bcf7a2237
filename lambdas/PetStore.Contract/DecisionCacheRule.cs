namespace PetStore.Contract;

/// <summary>
/// The one rule for caching authorizer decisions, derived from what the policies read. A cached answer may only serve
/// requests that Cedar would decide the same way, so the cache key must pin everything a route's policies read:
/// <list type="bullet">
/// <item>the principal (user, attributes, groups) comes from the token: keyed by the <c>Authorization</c> header;</item>
/// <item>the action is the verb and the route: keyed by <c>context.httpMethod</c> and <c>context.resourcePath</c>;</item>
/// <item>the resource is the same for every request;</item>
/// <item>the resource's attributes and the body are read on resource routes only, which the handler decides for each
/// request: nothing there is cached;</item>
/// <item>a path parameter (<c>context.pathParameters.*</c>) cannot be keyed: API Gateway does not accept path
/// parameters as a REST API authorizer's identity sources. Such a route is not cached (TTL 0), and its answer
/// covers only the request that was asked.</item>
/// </list>
/// Anything else a policy could read is not in the request the authorizer builds; <see cref="Classify"/> says so,
/// and synth refuses such a policy. The CDK app, the authorizer (through <see cref="PolicyScopes"/>) and local mode
/// all take their plans from here.
/// </summary>
public static class DecisionCacheRule
{
    public const string TokenSource = "method.request.header.Authorization";
    public const string VerbSource = "context.httpMethod";
    public const string RouteSource = "context.resourcePath";

    /// <summary>The plan for a route whose policies read <paramref name="inputs"/>, with the configured TTL.</summary>
    public static DecisionCachePlan Plan(IEnumerable<RequestInput> inputs, int ttlSeconds) =>
        ttlSeconds > 0 && inputs.All(KeyedByTokenVerbAndRoute)
            ? new([TokenSource, VerbSource, RouteSource], ttlSeconds, PolicyScope.Route)
            // The token stays an identity source: without it API Gateway answers 401 without calling the function.
            : new([TokenSource], 0, PolicyScope.Request);

    /// <summary>
    /// The signed-in routes' authorizer: its answer depends on the token alone (valid, and which API key meters it), so it
    /// is keyed by the token and covers every signed-in route.
    /// </summary>
    public static DecisionCachePlan SignedInPlan(int ttlSeconds) => new([TokenSource], ttlSeconds, PolicyScope.Route);

    private static bool KeyedByTokenVerbAndRoute(RequestInput input) =>
        input.Kind is RequestInputKind.Principal or RequestInputKind.Action or RequestInputKind.Resource;

    /// <summary>
    /// What reading <paramref name="variable"/> (principal, action, resource, context) at
    /// <paramref name="path"/> means for a request of <paramref name="route"/>, or null when no component puts that in
    /// the request: the authorizer (see <c>AuthorizationRequests</c>) on a policy route, the handler on a resource route
    /// (the resource and the entities <see cref="ResourceEntities.Supplied"/> names, with their attributes, and the body).
    /// </summary>
    public static IReadOnlyList<RequestInput>? Classify(string variable, IReadOnlyList<string> path, Route route) => variable switch
    {
        "principal" when path.Count == 0 => [new(RequestInputKind.Principal)],
        "principal" when CedarAction.PrincipalAttributes.Contains(path[0]) => [new(RequestInputKind.Principal, path[0])],
        "action" => [new(RequestInputKind.Action)],
        "resource" when path.Count == 0 => [new(RequestInputKind.Resource)],
        "resource" when route.Access == Access.Resource && ReadsSuppliedEntities(route.Resource!, path) =>
            [new(RequestInputKind.ResourceAttribute, string.Join('.', path))],
        // The whole context, or the whole pathParameters record: every parameter of the route (and the body).
        "context" when path.Count == 0 =>
            [.. route.PathParameters.Select(p => new RequestInput(RequestInputKind.PathParameter, p)), .. BodyInput(route)],
        "context" when path.Count == 1 && path[0] == CedarAction.PathParametersAttribute =>
            [.. route.PathParameters.Select(p => new RequestInput(RequestInputKind.PathParameter, p))],
        "context" when path.Count >= 2 && path[0] == CedarAction.PathParametersAttribute && route.PathParameters.Contains(path[1]) =>
            [new(RequestInputKind.PathParameter, path[1])],
        "context" when path[0] == CedarAction.BodyAttribute && route is { Access: Access.Resource, Body: { } body } &&
                       (path.Count == 1 || body.Names.Contains(path[1])) =>
            [new(RequestInputKind.Body, path.Count == 1 ? null : path[1])],
        _ => null,
    };

    private static IEnumerable<RequestInput> BodyInput(Route route) =>
        route is { Access: Access.Resource, Body: not null } ? [new(RequestInputKind.Body)] : [];

    /// <summary>Whether every attribute on the path is read from an entity the handler sends with its attributes.</summary>
    private static bool ReadsSuppliedEntities(string resource, IReadOnlyList<string> path)
    {
        var supplied = ResourceEntities.Supplied(resource);
        // No entity is sent with tags; "<ancestors>" (an `in` on the entity before it) needs that entity sent, as any attribute does.
        return !path.Contains("<tag>") && Enumerable.Range(0, path.Count).All(i => supplied.Any(s => s.SequenceEqual(path.Take(i))));
    }
}
