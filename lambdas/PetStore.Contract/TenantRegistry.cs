namespace PetStore.Contract;

/// <summary>
/// The tenant registry table (Data stack): one item per machine-client identity, read by the authorizer with GetItem on
/// its key and written only by the onboarding CLI (src/PetStore.Tenants). The key is what the token says, so the
/// authorizer needs no index: <c>&lt;issuer name&gt;|&lt;tenant claim value&gt;</c>.
/// </summary>
public static class TenantRegistry
{
    /// <summary>The partition key: <see cref="IdentityKey"/>.</summary>
    public const string Key = "identity";

    /// <summary>The tenant's name, as the CLI and the logs call it (<c>acme</c>).</summary>
    public const string Tenant = "tenant";

    /// <summary>The issuer (configured name) and the tenant id its tokens carry.</summary>
    public const string Issuer = "issuer";
    public const string ExternalId = "externalId";

    /// <summary>The API Gateway key: its id (for the CLI) and its value (what the authorizer returns as <c>usageIdentifierKey</c>).</summary>
    public const string ApiKeyId = "apiKeyId";
    public const string ApiKeyValue = "apiKeyValue";

    /// <summary>The usage tier (cdk.json <c>usagePlans.tiers</c>) and <see cref="TenantStatus"/>.</summary>
    public const string Tier = "tier";
    public const string Status = "status";

    /// <summary>Whether the CLI created the tenant's Cognito app client (and so removes it with the tenant).</summary>
    public const string CreatedClient = "createdClient";

    /// <summary>
    /// What the authorizer does with the table, and so all its role may do there: read one item by its key. The Api
    /// stack grants exactly this; a test records the calls the authorizer's registry client makes and checks they match.
    /// </summary>
    public static readonly IReadOnlyList<string> AuthorizerActions = ["dynamodb:GetItem"];

    /// <summary>The registry key of a tenant id from an issuer.</summary>
    public static string IdentityKey(string issuerName, string tenantId) => $"{issuerName}|{tenantId}";

    /// <summary>DynamoDB's limit on a partition key, in UTF-8 bytes: a longer key names no tenant (and is never asked for).</summary>
    public const int MaxKeyBytes = 2048;

    /// <summary>Whether <paramref name="identityKey"/> can be a key of the table at all.</summary>
    public static bool FitsKey(string identityKey) => System.Text.Encoding.UTF8.GetByteCount(identityKey) <= MaxKeyBytes;

    /// <summary>Tenant names: what the CLI takes and API key names are built from.</summary>
    public static bool IsValidName(string name) =>
        name.Length is >= 2 and <= 40 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && name[0] is >= 'a' and <= 'z' && name[^1] != '-';

    /// <summary>The API key's name in API Gateway, so a rerun finds what an interrupted run made.</summary>
    public static string ApiKeyName(string environment, string tenant) => $"PetStore-{environment}-tenant-{tenant}";

    /// <summary>The Cognito app client's name for a tenant the CLI creates a client for.</summary>
    public static string ClientName(string tenant) => $"tenant-{tenant}";
}
