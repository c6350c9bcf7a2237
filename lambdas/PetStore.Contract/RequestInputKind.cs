namespace PetStore.Contract;

/// <summary>The parts of a Cedar request a decision can depend on, as the authorizer builds the request.</summary>
public enum RequestInputKind
{
    /// <summary>The user, its attributes and its groups: all from the access token.</summary>
    Principal,

    /// <summary>The action: the verb and the route.</summary>
    Action,

    /// <summary>The resource itself: on a policy route the same for every request; on a resource route the one acted on.</summary>
    Resource,

    /// <summary>
    /// An attribute of the resource a resource route acts on, or of an entity it names (<c>resource.store.name</c>):
    /// loaded by the handler for each request.
    /// </summary>
    ResourceAttribute,

    /// <summary>A field of the request body, <c>context.body.&lt;name&gt;</c> (resource routes only).</summary>
    Body,

    /// <summary>One path parameter of the route, <c>context.pathParameters.&lt;name&gt;</c>.</summary>
    PathParameter,
}
