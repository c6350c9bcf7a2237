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

    /// <summary>
    /// Many independent IsAuthorized requests, a few hundred per round trip to the engine: each answer is the response
    /// body, or null with the reason when the request does not match the schema.
    /// </summary>
    public IReadOnlyList<(JsonObject? Response, string? Refused)> IsAuthorizedEach(IReadOnlyList<JsonObject> avpRequests)
    {
        var answers = new List<(JsonObject?, string?)>(avpRequests.Count);
        foreach (var chunk in avpRequests.Chunk(250))
        {
            var results = _engine.Call("authorizeEach", new JsonObject
            {
                ["name"] = _name,
                ["calls"] = new JsonArray([.. chunk.Select(r => (JsonNode)AvpToCedar.Request(r))]),
            }).AsArray();
            answers.AddRange(results.Select(answer => CedarAnswer.IsSuccess(answer!)
                ? (AvpToCedar.Response(answer!["response"]!), (string?)null)
                : ((JsonObject?)null, string.Join("; ", CedarAnswer.Errors(answer!).Select(CedarAnswer.Describe)))));
        }
        return answers;
    }

    /// <summary>
    /// A BatchIsAuthorized request body in, its response body out: each request decided as one IsAuthorized call over
    /// the batch's entities. Refused as Verified Permissions refuses it: over 30 requests, or neither the principal nor the
    /// resource the same in all.
    /// </summary>
    /// <exception cref="CedarRequestException">The batch, or one of its requests, is not one Verified Permissions takes.</exception>
    public JsonObject BatchIsAuthorized(JsonObject avpBatch)
    {
        var requests = avpBatch["requests"]?.AsArray() ?? throw new CedarRequestException("requests is required.");
        if (requests.Count is 0 or > 30) throw new CedarRequestException("requests must hold 1 to 30 requests.");
        string Of(JsonNode? request, string part) => request?[part]?.ToJsonString() ?? "";
        if (requests.Select(r => Of(r, "principal")).Distinct().Count() > 1 && requests.Select(r => Of(r, "resource")).Distinct().Count() > 1)
            throw new CedarRequestException("The principal or the resource must be the same in every request of a batch.");
        return new JsonObject
        {
            ["results"] = new JsonArray([.. requests.Select(request =>
            {
                var single = request!.AsObject().DeepClone().AsObject();
                single["policyStoreId"] = avpBatch["policyStoreId"]?.DeepClone();
                single["entities"] = avpBatch["entities"]?.DeepClone();
                var answer = IsAuthorized(single);
                answer["request"] = request.DeepClone();
                return (JsonNode)answer;
            })]),
        };
    }
}
