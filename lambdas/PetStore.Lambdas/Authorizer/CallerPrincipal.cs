using System.Text.Json;
using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The Cedar principal of a request, as every decision sees it: the authorizer makes it from the verified token and
/// hands it to the functions in its answer's context (<see cref="ToContext"/>), which API Gateway passes on and no
/// client can set; a function deciding on a resource reads it back (<see cref="FromContext"/>), so both build the same
/// <c>PetStore::User</c> entity.
/// </summary>
public sealed record CallerPrincipal(string Id, string Username, string Provider, string Kind, IReadOnlyList<string> Groups, IReadOnlyList<string> Stores)
{
    public const string UsernameKey = "username";
    public const string GroupsKey = "groups";
    public const string ProviderKey = "provider";
    public const string KindKey = "kind";
    public const string StoresKey = "stores";

    public static CallerPrincipal From(VerifiedIdentity identity) => new(
        identity.PrincipalId, identity.Username, identity.Issuer.Name, CedarAction.KindOf(identity.Kind), identity.Groups, identity.StoreIds);

    /// <summary>The entries of the authorizer's context that carry it (its id is the answer's <c>principalId</c>).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToContext() =>
    [
        new(UsernameKey, Username),
        new(GroupsKey, string.Join(',', Groups)),
        new(ProviderKey, Provider),
        new(KindKey, Kind),
        new(StoresKey, string.Join(',', Stores)),
    ];

    /// <summary>
    /// The principal an authorizer left in a request's context (API Gateway's <c>requestContext.authorizer</c>), or null
    /// when it left none or not all of it: a function then decides nothing (fails closed).
    /// </summary>
    public static CallerPrincipal? FromContext(IReadOnlyDictionary<string, JsonElement>? context)
    {
        string? Text(string key) => context is not null && context.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        IReadOnlyList<string> List(string text) => text.Length == 0 ? [] : text.Split(',');

        if (Text("principalId") is not { Length: > 0 } id || Text(UsernameKey) is not { } username || Text(GroupsKey) is not { } groups ||
            Text(ProviderKey) is not { } provider || Text(KindKey) is not { Length: > 0 } kind || Text(StoresKey) is not { } stores)
            return null;
        return new CallerPrincipal(id, username, provider, kind, List(groups), List(stores));
    }

    public EntityIdentifier Entity => new(CedarAction.UserType, Id);

    /// <summary>The principal's entities: the user, with its attributes, in its groups, and the groups.</summary>
    public IEnumerable<EntityItem> Entities()
    {
        var groups = Groups.Select(g => new EntityIdentifier(CedarAction.GroupType, g)).ToList();
        yield return new EntityItem(Entity, new Dictionary<string, AttributeValue>
        {
            [CedarAction.UsernameAttribute] = AttributeValue.Of(Username),
            [CedarAction.ProviderAttribute] = AttributeValue.Of(Provider),
            [CedarAction.KindAttribute] = AttributeValue.Of(Kind),
            [CedarAction.StoresAttribute] = AttributeValue.Of(Stores.Select(s => new EntityIdentifier(CedarAction.StoreType, s))),
        }, groups);
        foreach (var group in groups) yield return new EntityItem(group, new Dictionary<string, AttributeValue>(), []);
    }
}
