using PetStore.Contract;
using PetStore.Lambdas;
using PetStore.Lambdas.Runtime;

namespace PetStore.Local;

/// <summary>
/// Every function of <see cref="ApiManifest"/>, created in process from its entry point with the variables the CDK
/// app would set (<see cref="PetStore.Configuration.FunctionSettings"/>), pointed at the local stand-ins. Each is called
/// through its Stream entry point, as the runtime does.
/// </summary>
public sealed class LocalFunctions
{
    private readonly IReadOnlyDictionary<FunctionDescription, IReadOnlyDictionary<string, string>> _variables;

    /// <param name="variables">Each function's environment variables.</param>
    public LocalFunctions(IReadOnlyDictionary<FunctionDescription, IReadOnlyDictionary<string, string>> variables)
    {
        _variables = variables;
        Backends = ApiManifest.Functions.Where(f => f.Role == FunctionRole.Route).ToDictionary(f => f.Backend!.Value, Create);
        Authorizer = Create(ApiManifest.Authorizer);
        TokenScopes = Create(ApiManifest.TokenScopes);
    }

    public IReadOnlyDictionary<Backend, Func<Stream, Task<Stream>>> Backends { get; }
    public Func<Stream, Task<Stream>> Authorizer { get; private set; }
    public Func<Stream, Task<Stream>> TokenScopes { get; }

    /// <summary>
    /// Creates the authorizer again with some of its variables changed, as a deployment would (a policy change can
    /// change <c>POLICY_SCOPES</c>). Returns the new entry point.
    /// </summary>
    public Func<Stream, Task<Stream>> DeployAuthorizer(IReadOnlyDictionary<string, string> changed) =>
        Authorizer = FunctionEntryPoints.Create(ApiManifest.Authorizer.Handler, new FunctionEnvironment(
            _variables[ApiManifest.Authorizer].Where(v => !changed.ContainsKey(v.Key)).Concat(changed).ToDictionary(kv => kv.Key, kv => kv.Value)));

    private Func<Stream, Task<Stream>> Create(FunctionDescription function) =>
        FunctionEntryPoints.Create(function.Handler, new FunctionEnvironment(_variables[function]));
}
