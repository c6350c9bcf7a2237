using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Maps a verified caller and an API request to Verified Permissions' IsAuthorized request: principal
/// <c>PetStore::User::"&lt;poolId or provider&gt;|&lt;sub&gt;"</c> with its <c>username</c>, <c>provider</c> and <c>kind</c>, in its trusted groups <c>PetStore::UserGroup::"&lt;group&gt;"</c>,
/// action <c>PetStore::Action::"&lt;verb&gt; &lt;resource path&gt;"</c>, resource <c>PetStore::Application::"PetStore"</c>,
/// and the route's path parameters in the context, as <see cref="RouteParameters"/> read them (the handlers' reading).
/// The Cedar decision tests build their requests with this too.
/// </summary>
public static class AuthorizationRequests
{
    /// <summary>The request for path parameters as API Gateway delivered them.</summary>
    public static IsAuthorizedRequest Build(
        string policyStoreId, VerifiedIdentity identity, Route route, string method, IReadOnlyDictionary<string, string>? pathParameters) =>
        Build(policyStoreId, identity, route, method, RouteParameters.Read(route, pathParameters));

    public static IsAuthorizedRequest Build(
        string policyStoreId, VerifiedIdentity identity, Route route, string method, RouteParameterReading pathParameters)
    {
        var principal = new EntityIdentifier(CedarAction.UserType, identity.PrincipalId);
        var application = new EntityIdentifier(CedarAction.ApplicationType, CedarAction.ApplicationId);
        var groups = identity.Groups.Select(g => new EntityIdentifier(CedarAction.GroupType, g)).ToList();

        var user = new EntityItem(principal, new Dictionary<string, AttributeValue>
        {
            [CedarAction.UsernameAttribute] = AttributeValue.Of(identity.Username),
            [CedarAction.ProviderAttribute] = AttributeValue.Of(identity.Issuer.Name),
            [CedarAction.KindAttribute] = AttributeValue.Of(CedarAction.KindOf(identity.Kind)),
        }, groups);

        // Every parameter the route declares, so the context always matches the action's schema.
        var parameters = pathParameters.ForDecision(route).ToDictionary(p => p.Key, p => AttributeValue.Of(p.Value));

        return new IsAuthorizedRequest(
            policyStoreId,
            principal,
            new ActionIdentifier(CedarAction.ActionType, CedarAction.IdFor(method, route.Path)),
            application,
            new ContextDefinition(new Dictionary<string, AttributeValue> { [CedarAction.PathParametersAttribute] = AttributeValue.Of(parameters) }),
            new EntitiesDefinition(
            [
                user,
                .. groups.Select(g => new EntityItem(g, new Dictionary<string, AttributeValue>(), [])),
                new EntityItem(application, new Dictionary<string, AttributeValue>(), []),
            ]));
    }
}
