using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// A request to decide, as the code that decides it knows it: the entity acted on, the entities that come with it
/// (its store, with their attributes) and, on a resource route, the body's fields for <c>context.body</c>.
/// </summary>
public sealed record DecisionResource(EntityItem Resource, IReadOnlyList<EntityItem> Related, IReadOnlyDictionary<string, AttributeValue>? Body = null);

/// <summary>
/// Maps a caller and an API request to Verified Permissions' IsAuthorized request: principal
/// <c>PetStore::User::"&lt;poolId or provider&gt;|&lt;sub&gt;"</c> with its attributes (<see cref="CallerPrincipal"/>), in its
/// trusted groups, action <c>PetStore::Action::"&lt;verb&gt; &lt;resource path&gt;"</c>, and the route's path parameters in
/// the context, as <see cref="RouteParameters"/> read them (the handlers' reading). On a policy route the resource is
/// <c>PetStore::Application::"PetStore"</c>; on a resource route it is what the handler loaded (<see cref="DecisionResource"/>).
/// The Cedar decision tests build their requests with this too.
/// </summary>
public static class AuthorizationRequests
{
    /// <summary>The request for path parameters as API Gateway delivered them.</summary>
    public static IsAuthorizedRequest Build(
        string policyStoreId, VerifiedIdentity identity, Route route, string method, IReadOnlyDictionary<string, string>? pathParameters) =>
        Build(policyStoreId, CallerPrincipal.From(identity), route, method, RouteParameters.Read(route, pathParameters));

    public static IsAuthorizedRequest Build(
        string policyStoreId, VerifiedIdentity identity, Route route, string method, RouteParameterReading pathParameters) =>
        Build(policyStoreId, CallerPrincipal.From(identity), route, method, pathParameters);

    public static IsAuthorizedRequest Build(
        string policyStoreId, CallerPrincipal principal, Route route, string method, RouteParameterReading pathParameters, DecisionResource? resource = null)
    {
        if ((route.Access == Access.Resource) != (resource is not null))
            throw new ArgumentException($"{route} is decided on {(route.Access == Access.Resource ? "the resource it acts on" : "the application")}.", nameof(resource));
        if (resource is not null && resource.Resource.Identifier.EntityType != route.ResourceType)
            throw new ArgumentException($"{route} acts on a {route.ResourceType}, not a {resource.Resource.Identifier.EntityType}.", nameof(resource));

        var application = new EntityItem(new EntityIdentifier(CedarAction.ApplicationType, CedarAction.ApplicationId), new Dictionary<string, AttributeValue>(), []);
        // Every parameter the route declares, so the context always matches the action's schema.
        var context = new Dictionary<string, AttributeValue>
        {
            [CedarAction.PathParametersAttribute] = AttributeValue.Of(pathParameters.ForDecision(route).ToDictionary(p => p.Key, p => AttributeValue.Of(p.Value))),
        };
        if (route.Body is not null && resource is not null)
            context[CedarAction.BodyAttribute] = AttributeValue.Of(resource.Body ?? new Dictionary<string, AttributeValue>());

        return new IsAuthorizedRequest(
            policyStoreId,
            principal.Entity,
            new ActionIdentifier(CedarAction.ActionType, CedarAction.IdFor(method, route.Path)),
            (resource?.Resource ?? application).Identifier,
            new ContextDefinition(context),
            new EntitiesDefinition([.. principal.Entities(), .. resource is null ? new[] { application } : [resource.Resource, .. resource.Related]]));
    }
}
