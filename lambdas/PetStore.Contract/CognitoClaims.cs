namespace PetStore.Contract;

/// <summary>The claims of a Cognito access token that a trusted Cognito issuer is described by.</summary>
public static class CognitoClaims
{
    public const string Groups = "cognito:groups";

    /// <summary>The app client: a person's API client, or a tenant's machine client (its tenant id in the registry).</summary>
    public const string ClientId = "client_id";
}
