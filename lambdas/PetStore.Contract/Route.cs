namespace PetStore.Contract;

/// <summary>
/// One API method: <paramref name="Method"/> is an HTTP verb or <c>ANY</c>, <paramref name="Path"/> the API Gateway
/// resource path as declared (<c>/pets/{petId}</c>), <paramref name="Operation"/> the name handlers dispatch on,
/// <paramref name="Body"/> the JSON body it takes, if any.
/// </summary>
public sealed record Route(string Method, string Path, Access Access, Backend Backend, string Operation, BodyModel? Body = null)
{
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
