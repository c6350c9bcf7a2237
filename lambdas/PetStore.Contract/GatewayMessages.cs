namespace PetStore.Contract;

/// <summary>The messages API Gateway itself answers with (the CDK app deploys them; local mode's gateway answers the same).</summary>
public static class GatewayMessages
{
    /// <summary>GET /, a mock integration.</summary>
    public const string Welcome = "Welcome to your Pet Store API";

    /// <summary>An authorizer that cannot decide (Verified Permissions unreachable): a 503, never an allow.</summary>
    public const string AuthorizationUnavailable = "Authorization is temporarily unavailable; retry the request.";
}
