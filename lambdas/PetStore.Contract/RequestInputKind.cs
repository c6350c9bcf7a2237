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
