namespace PetStore.Contract;

/// <summary>The environment variables the CDK app sets on the functions and the functions read (local mode sets them too).</summary>
public static class FunctionVariables
{
    public const string PetsTableName = "PETS_TABLE_NAME";
    public const string UserPoolId = "USER_POOL_ID";
    public const string UserPoolClientId = "USER_POOL_CLIENT_ID";
    public const string SignUpConfirmation = "SIGN_UP_CONFIRMATION";
    public const string UpstreamTimeoutMs = "UPSTREAM_TIMEOUT_MS";

    public const string OrdersTableName = "ORDERS_TABLE_NAME";

    /// <summary>Where <c>GET /orders</c> looks for a caller's orders, as the policies allow (JSON, <see cref="ListPlan"/>).</summary>
    public const string OrdersListPlan = "ORDERS_LIST_PLAN";

    /// <summary>The environment's stores (JSON, <see cref="Contract.Stores.Parse"/>): what a pet may belong to and a person may work in.</summary>
    public const string Stores = "STORES";

    /// <summary>
    /// The identity providers whose tokens the API accepts (JSON, <see cref="Contract.TrustedIssuers"/>): the authorizer
    /// trusts them, the users function signs in to their Cognito pools.
    /// </summary>
    public const string TrustedIssuers = "TRUSTED_ISSUERS";

    // The authorizer's.
    public const string PolicyStoreId = "POLICY_STORE_ID";
    public const string AvpTimeoutMs = "AVP_TIMEOUT_MS";

    /// <summary>How long the authorizer waits for Verified Permissions when <see cref="AvpTimeoutMs"/> is not set; cdk.json's default too.</summary>
    public const int DefaultAvpTimeoutMs = 1500;
    public const string PolicyScopes = "POLICY_SCOPES";

    /// <summary>The version of the policy set deployed with the function (a content hash), logged with every decision.</summary>
    public const string PolicyVersion = "POLICY_VERSION";
    public const string TenantsTableName = "TENANTS_TABLE_NAME";
    public const string TenantCacheSeconds = "TENANT_CACHE_SECONDS";

    /// <summary>How long the authorizer keeps a registry answer when <see cref="TenantCacheSeconds"/> is not set; cdk.json's default too.</summary>
    public const int DefaultTenantCacheSeconds = 60;
    public const string InteractiveApiKey = "INTERACTIVE_API_KEY";

    /// <summary>Over how many interactive keys people are spread (<see cref="UsagePlanNames.InteractiveKeyFor"/>).</summary>
    public const string InteractiveKeyCount = "INTERACTIVE_KEY_COUNT";

    /// <summary>Set by Lambda itself.</summary>
    public const string Region = "AWS_REGION";

    // The AWS SDKs' service-specific endpoint overrides; only local mode and tests set them.
    public const string DynamoDbEndpoint = "AWS_ENDPOINT_URL_DYNAMODB";
    public const string CognitoEndpoint = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
    public const string VerifiedPermissionsEndpoint = "AWS_ENDPOINT_URL_VERIFIEDPERMISSIONS";

    /// <summary>The endpoint override of a service as IAM names it (<see cref="Grant.Service"/>).</summary>
    public static string EndpointFor(string service) => service switch
    {
        "dynamodb" => DynamoDbEndpoint,
        "cognito-idp" => CognitoEndpoint,
        "verifiedpermissions" => VerifiedPermissionsEndpoint,
        _ => throw new ArgumentException($"No endpoint override is known for the service '{service}'.", nameof(service)),
    };
}
