using PetStore.Contract;
using PetStore.Lambdas.Admin;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Identity;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Users;

namespace PetStore.Lambdas.Runtime;

/// <summary>
/// Every function by its handler string (<see cref="FunctionHandlers"/>), for the custom runtime's one bootstrap:
/// Lambda hands it the function's configured handler in <c>_HANDLER</c>, and it creates that function here, without
/// reflection, so trimming keeps exactly these entry points. The managed runtime resolves the same strings by
/// reflection instead.
/// </summary>
public static class FunctionEntryPoints
{
    private static readonly Dictionary<string, Func<Func<Stream, Task<Stream>>>> Factories = new(StringComparer.Ordinal)
    {
        [FunctionHandlers.Users] = () => new UsersFunction().HandleAsync,
        [FunctionHandlers.Pets] = () => new PetsFunction().HandleAsync,
        [FunctionHandlers.Admin] = () => new AdminFunction().HandleAsync,
        [FunctionHandlers.TokenScopes] = () => new TokenScopesFunction().HandleAsync,
        [FunctionHandlers.Authorizer] = () => new AuthorizerFunction().HandleAsync,
    };

    public static IReadOnlyCollection<string> Handlers => Factories.Keys;

    /// <summary>The factory of the function <paramref name="handler"/> names; the init phase calls it once.</summary>
    public static Func<Func<Stream, Task<Stream>>> For(string? handler) =>
        handler is not null && Factories.TryGetValue(handler, out var factory)
            ? factory
            : throw new InvalidOperationException(
                $"_HANDLER is '{handler}', which is no function of this bundle; the handler must be one of: {string.Join(", ", Factories.Keys)}.");
}
