namespace PetStore.Contract;

/// <summary>The parts of a Cedar request a decision can depend on, as the authorizer builds the request.</summary>
public enum RequestInputKind
{
    /// <summary>The user, its attributes and its groups: all from the access token.</summary>
    Principal,

    /// <summary>The action: the verb and the route.</summary>
    Action,

    /// <summary>The resource: the same for every request.</summary>
    Resource,

    /// <summary>One path parameter of the route, <c>context.pathParameters.&lt;name&gt;</c>.</summary>
    PathParameter,
}

/// <summary>One input a policy reads, e.g. <c>principal.username</c> or <c>context.pathParameters.proxy</c>.</summary>
public sealed record RequestInput(RequestInputKind Kind, string? Name = null)
{
    public override string ToString() => Kind switch
    {
        RequestInputKind.PathParameter => $"context.{CedarAction.PathParametersAttribute}.{Name}",
        RequestInputKind.Principal => Name is null ? "principal" : $"principal.{Name}",
        RequestInputKind.Action => "action",
        _ => "resource",
    };
}
