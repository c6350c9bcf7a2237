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
    private IReadOnlyDictionary<FunctionDescription, IReadOnlyDictionary<string, string>> _variables;

    /// <param name="variables">Each function's environment variables.</param>
    public LocalFunctions(IReadOnlyDictionary<FunctionDescription, IReadOnlyDictionary<string, string>> variables)
    {
        _variables = variables;
        Backends = ApiManifest.Functions.Where(f => f.Role == FunctionRole.Route).ToDictionary(f => f.Backend!.Value, Create);
        Authorizer = Create(ApiManifest.Authorizer);
        TokenScopes = Create(ApiManifest.TokenScopes);
    }

    public IReadOnlyDictionary<Backend, Func<Stream, Task<Stream>>> Backends { get; private set; }
    public Func<Stream, Task<Stream>> Authorizer { get; private set; }
    public Func<Stream, Task<Stream>> TokenScopes { get; }

    /// <summary>
    /// Creates again, as a deployment would, every function that reads one of the <paramref name="changed"/> variables
    /// (a policy change can change the authorizer's <c>POLICY_SCOPES</c> and the orders function's <c>ORDERS_LIST_PLAN</c>).
    /// </summary>
    public void Redeploy(IReadOnlyDictionary<string, string> changed)
    {
        _variables = _variables.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, string>)f.Value
            .Select(v => changed.TryGetValue(v.Key, out var value) ? KeyValuePair.Create(v.Key, value) : v).ToDictionary());
        bool Reads(FunctionDescription function) => function.Variables.Any(changed.ContainsKey);
        Backends = Backends.ToDictionary(b => b.Key, b => ApiManifest.For(b.Key) is { } f && Reads(f) ? Create(f) : b.Value);
        if (Reads(ApiManifest.Authorizer)) Authorizer = Create(ApiManifest.Authorizer);
    }

    private Func<Stream, Task<Stream>> Create(FunctionDescription function) =>
        FunctionEntryPoints.Create(function.Handler, new FunctionEnvironment(_variables[function]));
}
