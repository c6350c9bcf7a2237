namespace PetStore.Contract;

/// <summary>The claims of a Cognito access token that a trusted Cognito issuer is described by.</summary>
public static class CognitoClaims
{
    public const string Groups = "cognito:groups";

    /// <summary>The app client: a person's API client, or a tenant's machine client (its tenant id in the registry).</summary>
    public const string ClientId = "client_id";

    /// <summary>
    /// The stores a person works in: the user attribute <c>custom:stores</c> (comma-separated store ids, set by admins
    /// only), which the pre token generation trigger copies into the access token under the same name.
    /// </summary>
    public const string Stores = "custom:stores";
}
