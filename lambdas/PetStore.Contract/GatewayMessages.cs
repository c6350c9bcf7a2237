namespace PetStore.Contract;

/// <summary>The messages API Gateway itself answers with (the CDK app deploys them; local mode's gateway answers the same).</summary>
public static class GatewayMessages
{
    /// <summary>GET /, a mock integration.</summary>
    public const string Welcome = "Welcome to your Pet Store API";

    /// <summary>An authorizer that cannot decide (Verified Permissions unreachable): a 503, never an allow.</summary>
    public const string AuthorizationUnavailable = "Authorization is temporarily unavailable; retry the request.";

    /// <summary>A Cedar deny, as API Gateway words an explicit Deny.</summary>
    public const string ExplicitDeny = "User is not authorized to access this resource with an explicit deny";

    // The deny reasons reach clients through the ACCESS_DENIED template {"message":"$context.authorizer.message"}, which
    // inserts them unescaped: they hold no quote, apostrophe or backslash (tenant names are [a-z0-9-]).

    /// <summary>
    /// A request whose path parameter the one reading refuses, on a route whose policies read a parameter: denied
    /// without asking Cedar (<paramref name="parameter"/> is a route table name, letters only).
    /// </summary>
    public static string UnreadableParameter(string parameter) =>
        $"{parameter} is not spelled as this API reads it, so no policy decided on it (see Path parameters in the API documentation).";

    /// <summary>A machine client whose tenant id is not in the registry.</summary>
    public const string UnknownTenant = "This client is not a registered tenant of this API.";

    /// <summary>A tenant the registry marks suspended.</summary>
    public static string SuspendedTenant(string tenant) => $"Tenant {tenant} is suspended.";

    /// <summary>A usage plan's rate or burst exceeded (API Gateway's THROTTLED response).</summary>
    public const string TooManyRequests = "Too Many Requests";

    /// <summary>A usage plan's daily quota used up (API Gateway's QUOTA_EXCEEDED response).</summary>
    public const string QuotaExceeded = "Limit Exceeded";

    /// <summary>A method that requires an API key got none, or one in no usage plan of the stage (API Gateway's 403).</summary>
    public const string Forbidden = "Forbidden";

    /// <summary>The edge web ACL's answer (429) when a rate-based rule blocks a request.</summary>
    public const string EdgeRateLimited = "Too many requests; slow down.";
}
