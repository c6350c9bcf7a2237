using System.Text.Json.Nodes;

namespace PetStore.Cedar;

/// <summary>
/// Decides Verified Permissions IsAuthorized requests with the Cedar engine over a loaded policy store definition,
/// the request validated against the schema as Verified Permissions does. Used by the decision tests and by local
/// mode's Verified Permissions stand-in. Disposing it unloads the store from the engine.
/// </summary>
public sealed class CedarDecisions : IDisposable
{
    private static long _loads;

    private readonly CedarEngine _engine;
    private readonly string _name;

    public CedarDecisions(CedarEngine engine, PolicyStoreDefinition definition)
    {
        _engine = engine;
        Definition = definition;
        _name = $"store-{Interlocked.Increment(ref _loads)}";
        var answer = engine.Call("load", new JsonObject
        {
            ["name"] = _name,
            ["schema"] = definition.Schema.Json.DeepClone(),
            ["policies"] = definition.PolicyTexts(),
        });
        if (!CedarAnswer.IsSuccess(answer))
            throw new CedarEngineException(string.Join("; ", CedarAnswer.Errors(answer).Select(CedarAnswer.Describe)));
    }

    public PolicyStoreDefinition Definition { get; }

    public void Dispose()
    {
        try
        {
            _engine.Call("unload", new JsonObject { ["name"] = _name });
        }
        catch (CedarEngineException)
        {
            // The store is gone either way.
        }
    }

    /// <summary>An IsAuthorized request body in, an IsAuthorized response body out.</summary>
    /// <exception cref="CedarRequestException">The request does not match the schema.</exception>
    public JsonObject IsAuthorized(JsonObject avpRequest)
    {
        var answer = _engine.Call("authorize", new JsonObject { ["name"] = _name, ["call"] = AvpToCedar.Request(avpRequest) });
        return CedarAnswer.IsSuccess(answer)
            ? AvpToCedar.Response(answer["response"]!)
            : throw new CedarRequestException(string.Join("; ", CedarAnswer.Errors(answer).Select(CedarAnswer.Describe)));
    }
}
