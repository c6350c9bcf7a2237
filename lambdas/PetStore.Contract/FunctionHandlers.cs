namespace PetStore.Contract;

/// <summary>
/// The Lambda handler strings (<c>Assembly::Type::Method</c>) of the functions in <c>lambdas/PetStore.Lambdas</c>.
/// A test resolves each one by reflection, so a rename cannot break a deployed function silently.
/// </summary>
public static class FunctionHandlers
{
    public const string Assembly = "PetStore.Lambdas";
    public const string Method = "HandleAsync";

    public static readonly string Users = For("PetStore.Lambdas.Users.UsersFunction");
    public static readonly string Pets = For("PetStore.Lambdas.Pets.PetsFunction");
    public static readonly string Admin = For("PetStore.Lambdas.Admin.AdminFunction");
    public static readonly string TokenScopes = For("PetStore.Lambdas.Identity.TokenScopesFunction");
    public static readonly string Authorizer = For("PetStore.Lambdas.Authorizer.AuthorizerFunction");

    public static IReadOnlyList<string> All => [Users, Pets, Admin, TokenScopes, Authorizer];

    /// <summary>The handler of a route backend; <see cref="Backend.Mock"/> has none.</summary>
    public static string? ForBackend(Backend backend) => backend switch
    {
        Backend.Users => Users,
        Backend.Pets => Pets,
        Backend.Admin => Admin,
        _ => null,
    };

    private static string For(string type) => $"{Assembly}::{type}::{Method}";
}
