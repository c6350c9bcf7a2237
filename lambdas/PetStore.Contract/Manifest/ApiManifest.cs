namespace PetStore.Contract;

/// <summary>
/// The API's functions, described once; the routes are <see cref="RouteTable"/>. A new function is one entry here and
/// its entry class (with its line in <c>FunctionEntryPoints</c>); the stacks, local mode, the cost model, the bundle
/// check and the cold-start benchmark take it from here, and tests fail where something about it is missing.
/// </summary>
public static class ApiManifest
{
    public static readonly FunctionDescription Users = new(
        "Users", "PetStore.Lambdas.Users.UsersFunction", FunctionRole.Route, "Pet Store POST /users and POST /login",
        [FunctionVariables.UserPoolId, FunctionVariables.UserPoolClientId, FunctionVariables.SignUpConfirmation, FunctionVariables.TrustedIssuers],
        [new(GrantTarget.SignUpPool, ["cognito-idp:AdminConfirmSignUp", "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminDeleteUser"],
            "Confirm (auto mode), join the customers group, and undo a half-made registration.")],
        Backend.Users);

    public static readonly FunctionDescription Pets = new(
        "Pets", "PetStore.Lambdas.Pets.PetsFunction", FunctionRole.Route, "Pet Store /pets routes",
        [FunctionVariables.PetsTableName, FunctionVariables.Stores, FunctionVariables.PolicyStoreId, FunctionVariables.PolicyVersion, FunctionVariables.AvpTimeoutMs],
        [
            new(GrantTarget.PetsTable, [.. PetsTableAccess.IamActions], "The operations the repository makes (PetsTableAccess.Operations)."),
            new(GrantTarget.PolicyStore, ["verifiedpermissions:IsAuthorized"], "Decisions on the pet or store a resource route acts on, only on this store."),
        ],
        Backend.Pets);

    public static readonly FunctionDescription Orders = new(
        "Orders", "PetStore.Lambdas.Orders.OrdersFunction", FunctionRole.Route, "Pet Store /orders routes",
        [FunctionVariables.OrdersTableName, FunctionVariables.OrdersListPlan, FunctionVariables.PetsTableName, FunctionVariables.Stores,
         FunctionVariables.PolicyStoreId, FunctionVariables.PolicyVersion, FunctionVariables.AvpTimeoutMs],
        [
            new(GrantTarget.OrdersTable, OrdersTableAccess.IamActions, "Read orders; place and cancel them in a transaction (OrdersTableAccess)."),
            new(GrantTarget.OrdersOwnerIndex, OrdersTableAccess.OwnerIndexIamActions, "A caller's own orders, where the policies show them nothing else (ListPlan)."),
            new(GrantTarget.PetsTable, OrdersTableAccess.PetsIamActions, "Read the pet ordered; mark it pending or available in the same transaction."),
            new(GrantTarget.PolicyStore, ["verifiedpermissions:IsAuthorized"], "Decisions on the pet or order a route acts on, one or a batch (BatchIsAuthorized is granted as IsAuthorized), only on this store."),
        ],
        Backend.Orders);

    public static readonly FunctionDescription Admin = new(
        "Admin", "PetStore.Lambdas.Admin.AdminFunction", FunctionRole.Route, "Pet Store /admin routes", [], [], Backend.Admin);

    public static readonly FunctionDescription Authorizer = new(
        "Authorizer", "PetStore.Lambdas.Authorizer.AuthorizerFunction", FunctionRole.Authorizer,
        "Pet Store Lambda authorizer: tokens of every trusted issuer, tenants' API keys, Cedar policies through Verified Permissions",
        [FunctionVariables.PolicyStoreId, FunctionVariables.PolicyVersion, FunctionVariables.TrustedIssuers, FunctionVariables.AvpTimeoutMs, FunctionVariables.PolicyScopes,
         FunctionVariables.TenantsTableName, FunctionVariables.TenantCacheSeconds, FunctionVariables.InteractiveApiKey, FunctionVariables.InteractiveKeyCount],
        [
            new(GrantTarget.PolicyStore, ["verifiedpermissions:IsAuthorized"], "Only single decisions, only on this store."),
            new(GrantTarget.TenantsTable, [.. TenantRegistry.AuthorizerActions], "A tenant's registry item by its key, and nothing else: no scan, no query, no write."),
        ],
        SizedAsAuthorizer: true);

    public static readonly FunctionDescription TokenScopes = new(
        "TokenScopes", "PetStore.Lambdas.Identity.TokenScopesFunction", FunctionRole.TokenTrigger,
        "Pet Store pre token generation trigger: adds the API scope", [], []);

    public static IReadOnlyList<FunctionDescription> Functions { get; } = [Users, Pets, Orders, Admin, TokenScopes, Authorizer];

    /// <summary>The function that answers a backend's routes; <see cref="Backend.Mock"/> has none.</summary>
    public static FunctionDescription? For(Backend backend) => Functions.SingleOrDefault(f => f.Backend == backend);

    /// <summary>The function Lambda runs for a handler string, if any.</summary>
    public static FunctionDescription? ForHandler(string handler) => Functions.SingleOrDefault(f => f.Handler == handler);
}
