namespace PetStore.Contract;

/// <summary>How API methods are named as Cedar actions: <c>PetStore::Action::"post /pets"</c>.</summary>
public static class CedarAction
{
    public const string Namespace = "PetStore";
    public const string ActionType = Namespace + "::Action";
    public const string UserType = Namespace + "::User";
    public const string GroupType = Namespace + "::UserGroup";
    public const string ApplicationType = Namespace + "::Application";

    /// <summary>Every API request is made on this one resource, as in AVP's API Gateway setup.</summary>
    public const string ApplicationId = Namespace;

    /// <summary>The action id for a verb on a resource path as declared: <c>("POST", "/pets")</c> gives <c>post /pets</c>.</summary>
    public static string IdFor(string method, string resourcePath) =>
        $"{method.ToLowerInvariant()} {resourcePath}";
}
