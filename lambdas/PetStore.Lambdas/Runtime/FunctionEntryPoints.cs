using PetStore.Contract;
using PetStore.Lambdas.Admin;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Identity;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Users;

namespace PetStore.Lambdas.Runtime;

/// <summary>
/// Every function of <see cref="ApiManifest"/> by its handler string, created from an environment: the custom runtime's
/// one bootstrap creates the function Lambda names in <c>_HANDLER</c> from the process's environment, local mode
/// creates each from the variables the CDK app would set. Written out rather than found by reflection, so trimming
/// keeps exactly these entry points; a test holds this table to the manifest.
/// </summary>
public static class FunctionEntryPoints
{
    private static readonly Dictionary<string, Func<FunctionEnvironment, Func<Stream, Task<Stream>>>> Factories = new(StringComparer.Ordinal)
    {
        [FunctionHandlers.Users] = environment => new UsersFunction(environment).HandleAsync,
        [FunctionHandlers.Pets] = environment => new PetsFunction(environment).HandleAsync,
        [FunctionHandlers.Orders] = environment => new OrdersFunction(environment).HandleAsync,
        [FunctionHandlers.Admin] = _ => new AdminFunction().HandleAsync,
        [FunctionHandlers.TokenScopes] = _ => new TokenScopesFunction().HandleAsync,
        [FunctionHandlers.Authorizer] = environment => new AuthorizerFunction(environment).HandleAsync,
    };

    public static IReadOnlyCollection<string> Handlers => Factories.Keys;

    /// <summary>The factory of the function <paramref name="handler"/> names, reading the process's environment; the init phase calls it once.</summary>
    public static Func<Func<Stream, Task<Stream>>> For(string? handler)
    {
        var create = Factory(handler);
        return () => create(FunctionEnvironment.FromProcess());
    }

    /// <summary>The function <paramref name="handler"/> names, created with <paramref name="environment"/>.</summary>
    public static Func<Stream, Task<Stream>> Create(string handler, FunctionEnvironment environment) => Factory(handler)(environment);

    private static Func<FunctionEnvironment, Func<Stream, Task<Stream>>> Factory(string? handler) =>
        handler is not null && Factories.TryGetValue(handler, out var factory)
            ? factory
            : throw new InvalidOperationException(
                $"_HANDLER is '{handler}', which is no function of this bundle; the handler must be one of: {string.Join(", ", Factories.Keys)}.");
}
