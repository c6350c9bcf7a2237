namespace PetStore.Contract;

/// <summary>
/// One API method: <paramref name="Method"/> is an HTTP verb or <c>ANY</c>, <paramref name="Path"/> the API Gateway
/// resource path as declared (<c>/pets/{petId}</c>), <paramref name="Operation"/> the name handlers dispatch on,
/// <paramref name="Body"/> the JSON body it takes, if any, <paramref name="Resource"/> the Cedar entity type its
/// requests act on (<c>Pet</c>; the whole application unless said).
/// </summary>
public sealed record Route(string Method, string Path, Access Access, Backend Backend, string Operation, BodyModel? Body = null, string? Resource = null)
{
    /// <summary>The Cedar type of the resource its decisions are about: <c>PetStore::Pet</c>, or <c>PetStore::Application</c>.</summary>
    public string ResourceType => CedarAction.EntityType(Resource ?? "Application");

    /// <summary>Whether Cedar decides its requests (in the authorizer, or in the handler on the resource).</summary>
    public bool IsDecidedByPolicies => Access is Access.Policy or Access.Resource;

    /// <summary>Whether the authorizer's answer depends on the token alone (a valid token is let through), as on signed-in and resource routes.</summary>
    public bool IsAdmittedByToken => Access is Access.SignedIn or Access.Resource;

    /// <summary>The verbs API Gateway's ANY method is authorized for; other verbs on an ANY route are denied.</summary>
    public static readonly IReadOnlyList<string> AnyExpandsTo = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The concrete verbs this route serves.</summary>
    public IReadOnlyList<string> Methods => Method == "ANY" ? AnyExpandsTo : [Method];

    /// <summary>Names of the path parameters, in order: <c>/admin/{proxy+}</c> gives <c>proxy</c>.</summary>
    public IReadOnlyList<string> PathParameters => RoutePath.Parameters(Path);

    /// <summary>Each path parameter with what it holds (<see cref="RouteTable.ParameterKinds"/>), in order.</summary>
    public IReadOnlyList<(string Name, PathParameterKind Kind)> Parameters =>
        [.. PathParameters.Select(p => (p, RouteTable.ParameterKinds.TryGetValue(p, out var kind) ? kind
            : throw new InvalidOperationException($"Route {this} has path parameter {p}, which RouteTable.ParameterKinds does not describe.")))];

    /// <summary>The Cedar action ids of this route, one per concrete verb (<c>post /pets</c>).</summary>
    public IReadOnlyList<string> CedarActionIds => [.. Methods.Select(m => CedarAction.IdFor(m, Path))];

    /// <summary>Whether this route serves the verb on the resource path; verbs are case-sensitive, as in HTTP.</summary>
    public bool Serves(string method, string path) =>
        string.Equals(path, Path, StringComparison.Ordinal) && Methods.Contains(method, StringComparer.Ordinal);

    public override string ToString() => $"{Method} {Path}";
}
