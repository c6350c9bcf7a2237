namespace PetStore.Contract;

/// <summary>
/// The Lambda handler strings (<c>Assembly::Type::Method</c>) of the functions in <c>lambdas/PetStore.Lambdas</c>, as
/// <see cref="ApiManifest"/> describes them. A test resolves each one by reflection, so a rename cannot break a
/// deployed function silently.
/// </summary>
public static class FunctionHandlers
{
    public const string Assembly = "PetStore.Lambdas";
    public const string Method = "HandleAsync";

    public static string Users => ApiManifest.Users.Handler;
    public static string Pets => ApiManifest.Pets.Handler;
    public static string Orders => ApiManifest.Orders.Handler;
    public static string Admin => ApiManifest.Admin.Handler;
    public static string TokenScopes => ApiManifest.TokenScopes.Handler;
    public static string Authorizer => ApiManifest.Authorizer.Handler;

    public static IReadOnlyList<string> All => [.. ApiManifest.Functions.Select(f => f.Handler)];

    /// <summary>The handler of a route backend; <see cref="Backend.Mock"/> has none.</summary>
    public static string? ForBackend(Backend backend) => ApiManifest.For(backend)?.Handler;

    /// <summary>The handler string of an entry class.</summary>
    public static string For(string type) => $"{Assembly}::{type}::{Method}";
}
