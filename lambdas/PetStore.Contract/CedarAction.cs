namespace PetStore.Contract;

/// <summary>How API methods are named as Cedar actions: <c>PetStore::Action::"post /pets"</c>.</summary>
public static class CedarAction
{
    public const string Namespace = "PetStore";
    public const string ActionType = Namespace + "::Action";
    public const string UserType = Namespace + "::User";
    public const string GroupType = Namespace + "::UserGroup";
    public const string ApplicationType = Namespace + "::Application";
    public const string StoreType = Namespace + "::Store";
    public const string PetType = Namespace + "::Pet";
    public const string OrderType = Namespace + "::Order";

    /// <summary>A type of the namespace by its short name: <c>Pet</c> gives <c>PetStore::Pet</c>.</summary>
    public static string EntityType(string name) => $"{Namespace}::{name}";

    /// <summary>The principal's attributes, as the authorizer sets them from the token.</summary>
    public const string UsernameAttribute = "username";
    /// <summary>The configured name of the identity provider that issued the token (a Cognito pool or an OIDC issuer).</summary>
    public const string ProviderAttribute = "provider";
    /// <summary>Who the token says the caller is (<see cref="KindOf"/>): <c>"person"</c> or <c>"tenant"</c>, from the token alone (<see cref="TrustedIssuer.Classify"/>).</summary>
    public const string KindAttribute = "kind";
    /// <summary>The stores the identity provider says a person works in (<c>Set&lt;Store&gt;</c>); empty for everyone else.</summary>
    public const string StoresAttribute = "stores";
    public static readonly IReadOnlyList<string> PrincipalAttributes = [UsernameAttribute, ProviderAttribute, KindAttribute, StoresAttribute];

    /// <summary>The <see cref="KindAttribute"/> of a caller: a person through a people client, or a registered, active tenant's machine client.</summary>
    public static string KindOf(CallerKind kind) => kind switch
    {
        CallerKind.Person => "person",
        CallerKind.Tenant => "tenant",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A refused token is no principal."),
    };

    /// <summary>The context's attribute holding the route's path parameters as strings.</summary>
    public const string PathParametersAttribute = "pathParameters";

    /// <summary>On a route decided on its resource: the context's attribute holding the request body's fields (those given).</summary>
    public const string BodyAttribute = "body";

    /// <summary>Every API request is made on this one resource, as in AVP's API Gateway setup.</summary>
    public const string ApplicationId = Namespace;

    /// <summary>The action id for a verb on a resource path as declared: <c>("POST", "/pets")</c> gives <c>post /pets</c>.</summary>
    public static string IdFor(string method, string resourcePath) =>
        $"{method.ToLowerInvariant()} {resourcePath}";
}
