using PetStore.Contract;
using PetStore.Lambdas;
using PetStore.Lambdas.Admin;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Identity;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Users;

namespace PetStore.Local;

/// <summary>
/// The Lambda functions, created in process from the same entry classes and the same environment variables the CDK
/// app sets, pointed at the local stand-ins. Each is called through its Stream entry point, as the runtime does.
/// </summary>
public sealed class LocalFunctions
{
    public LocalFunctions(IReadOnlyDictionary<string, string> common, IReadOnlyDictionary<string, string> users,
        IReadOnlyDictionary<string, string> pets, IReadOnlyDictionary<string, string> authorizer)
    {
        static FunctionEnvironment With(IReadOnlyDictionary<string, string> common, IReadOnlyDictionary<string, string> own) =>
            new(common.Concat(own).ToDictionary(kv => kv.Key, kv => kv.Value));

        var usersFunction = new UsersFunction(With(common, users));
        var petsFunction = new PetsFunction(With(common, pets));
        var adminFunction = new AdminFunction();
        Backends = new Dictionary<Backend, Func<Stream, Task<Stream>>>
        {
            [Backend.Users] = usersFunction.HandleAsync,
            [Backend.Pets] = petsFunction.HandleAsync,
            [Backend.Admin] = adminFunction.HandleAsync,
        };
        _common = common;
        _authorizerVariables = authorizer;
        Authorizer = new AuthorizerFunction(With(common, authorizer)).HandleAsync;
        TokenScopes = new TokenScopesFunction().HandleAsync;
    }

    private readonly IReadOnlyDictionary<string, string> _common;
    private readonly IReadOnlyDictionary<string, string> _authorizerVariables;

    public IReadOnlyDictionary<Backend, Func<Stream, Task<Stream>>> Backends { get; }
    public Func<Stream, Task<Stream>> Authorizer { get; private set; }

    /// <summary>
    /// Creates the authorizer again with some of its variables changed, as a deployment would (a policy change can
    /// change <c>POLICY_SCOPES</c>). Returns the new entry point.
    /// </summary>
    public Func<Stream, Task<Stream>> DeployAuthorizer(IReadOnlyDictionary<string, string> changed)
    {
        var variables = _common.Concat(_authorizerVariables.Where(v => !changed.ContainsKey(v.Key))).Concat(changed)
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        return Authorizer = new AuthorizerFunction(new FunctionEnvironment(variables)).HandleAsync;
    }
    public Func<Stream, Task<Stream>> TokenScopes { get; }
}
