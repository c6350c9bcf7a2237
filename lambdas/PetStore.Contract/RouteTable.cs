namespace PetStore.Contract;

/// <summary>
/// The Pet Store API. The CDK app builds API Gateway from this table, the authorizer maps requests to Cedar actions
/// with it, the local host routes with it, and the tests check the Cedar schema against it.
/// </summary>
public static class RouteTable
{
    public static readonly IReadOnlyList<Route> All =
    [
        new("GET", "/", Access.Public, Backend.Mock, Operations.Welcome),
        new("POST", "/users", Access.Public, Backend.Users, Operations.SignUp, BodyModels.NewUser),
        new("POST", "/login", Access.Public, Backend.Users, Operations.Login, BodyModels.Credentials),
        new("POST", "/login/mfa", Access.Public, Backend.Users, Operations.AnswerMfa, BodyModels.MfaAnswer),
        new("GET", "/pets", Access.SignedIn, Backend.Pets, Operations.ListPets),
        new("POST", "/pets", Access.Resource, Backend.Pets, Operations.CreatePet, BodyModels.NewPet, ResourceEntities.Store),
        new("GET", "/pets/{petId}", Access.SignedIn, Backend.Pets, Operations.GetPet),
        new("PATCH", "/pets/{petId}", Access.Resource, Backend.Pets, Operations.UpdatePet, BodyModels.PetChange, ResourceEntities.Pet),
        new("DELETE", "/pets/{petId}", Access.Policy, Backend.Pets, Operations.DeletePet),
        new("POST", "/orders", Access.Resource, Backend.Orders, Operations.PlaceOrder, BodyModels.NewOrder, ResourceEntities.Pet),
        new("GET", "/orders", Access.Resource, Backend.Orders, Operations.ListOrders, Resource: ResourceEntities.Order),
        new("GET", "/orders/{orderId}", Access.Resource, Backend.Orders, Operations.GetOrder, Resource: ResourceEntities.Order),
        new("DELETE", "/orders/{orderId}", Access.Resource, Backend.Orders, Operations.CancelOrder, Resource: ResourceEntities.Order),
        new("ANY", "/admin/{proxy+}", Access.Policy, Backend.Admin, Operations.Admin),
    ];

    /// <summary>What each path parameter holds, wherever it appears; <see cref="RouteParameters"/> reads it accordingly.</summary>
    public static readonly IReadOnlyDictionary<string, PathParameterKind> ParameterKinds = new Dictionary<string, PathParameterKind>
    {
        ["petId"] = PathParameterKind.Id,
        ["orderId"] = PathParameterKind.Id,
        ["proxy"] = PathParameterKind.Path,
    };

    /// <summary>The route that serves a verb on a resource path as declared (API Gateway's <c>resource</c>), if any.</summary>
    public static Route? Find(string method, string resourcePath) =>
        All.FirstOrDefault(r => r.Serves(method, resourcePath));

    /// <summary>Every Cedar action the API needs, in table order.</summary>
    public static IReadOnlyList<string> CedarActionIds =>
        [.. All.Where(r => r.IsDecidedByPolicies).SelectMany(r => r.CedarActionIds)];

    /// <summary>The operation names handlers dispatch on.</summary>
    public static class Operations
    {
        public const string Welcome = nameof(Welcome);
        public const string SignUp = nameof(SignUp);
        public const string Login = nameof(Login);
        public const string AnswerMfa = nameof(AnswerMfa);
        public const string ListPets = nameof(ListPets);
        public const string CreatePet = nameof(CreatePet);
        public const string GetPet = nameof(GetPet);
        public const string UpdatePet = nameof(UpdatePet);
        public const string DeletePet = nameof(DeletePet);
        public const string PlaceOrder = nameof(PlaceOrder);
        public const string ListOrders = nameof(ListOrders);
        public const string GetOrder = nameof(GetOrder);
        public const string CancelOrder = nameof(CancelOrder);
        public const string Admin = nameof(Admin);
    }
}
