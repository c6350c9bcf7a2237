using System.Text;
using System.Text.Json.Nodes;
using PetStore.Cedar;
using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Testing;
using Route = PetStore.Contract.Route;

namespace PetStore.Local.Tests.Differential;

/// <summary>One request whose answer through the gateway differs from Cedar's answer to that request alone.</summary>
internal sealed record Divergence(int Index, GeneratedRequest Request, string Expected, string Actual);

/// <summary>The outcome of one policy set and its request sequence.</summary>
internal sealed record SetResult(int Seed, string Policies, IReadOnlyList<GeneratedRequest> Requests, IReadOnlyList<string> Answers,
    IReadOnlyList<Divergence> Divergences, int AuthorizerCalls, int UncachedRoutes)
{
    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine($"Seed {Seed}: {Divergences.Count} of {Requests.Count} answers differ from Cedar's (reproduce: {DifferentialHarness.SeedVariable}={Seed} {DifferentialHarness.SetsVariable}=1).");
        text.AppendLine("Policies:");
        text.AppendLine(Policies);
        text.AppendLine("Requests (expected by Cedar / answered through the gateway):");
        for (var i = 0; i < Requests.Count; i++)
        {
            var divergence = Divergences.FirstOrDefault(d => d.Index == i);
            text.AppendLine($"  {i + 1,2}. {Requests[i]} -> {divergence?.Expected ?? Answers[i]} / {Answers[i]}{(divergence is null ? "" : "   <-- differs")}");
        }
        return text.ToString();
    }
}

/// <summary>
/// Runs a generated policy set and request sequence through the real code path of a policy route — local mode's
/// gateway semantics (<see cref="LambdaAuthorizerEmulation"/>: routing, identity sources, cache, TTL, IAM matching on
/// the method ARN) in front of the real authorizer (<see cref="AuthorizerFunction"/>: token validation, the request
/// mapping, the scope of its answer) asking Verified Permissions, here the Cedar engine over the same policies, then the
/// route's real handler — and compares every answer with what must happen: cedar-wasm deciding the request on its own
/// on the value each parameter's spelling means (built here, independently), then the handler acting on exactly that
/// value, or refusing (400) a spelling the API must refuse.
/// </summary>
internal sealed class DifferentialHarness(CedarEngine engine, World world)
{
    public const string SeedVariable = "PETSTORE_DIFF_SEED";
    public const string SetsVariable = "PETSTORE_DIFF_SETS";
    public const string RequestsVariable = "PETSTORE_DIFF_REQUESTS";

    /// <summary>Sets a planted bug is looked for in at least, however few a run asks for (one set replays a seed).</summary>
    public const int PlantedBugSets = 200;

    /// <summary>A run's setting from its environment variable (a seed, a number of sets or requests), else the default.</summary>
    public static int Setting(string variable, int fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? int.Parse(value) : fallback;
    private const int TtlSeconds = 120;
    private const string Stage = "dev";

    private readonly AccessTokenValidator _tokens = new([world.Users.Pool, world.Staff.Pool],
        new JwksCache(new HttpClient(new JwksServer(world.Users, world.Staff)), TimeProvider.System));
    private readonly SourceFile _schema = PolicyStoreFiles.ComposeSchema(Path.Combine(LocalProcess.RepositoryRoot, "cedar"), engine);

    /// <summary>The cache plans as the product derives them from the policies.</summary>
    public static IReadOnlyDictionary<Route, DecisionCachePlan> ProductPlans(PolicyStoreDefinition definition) => definition.Inputs.Plans(TtlSeconds);

    /// <summary>A route's handler as the harness calls it: the status it answered and the value it acted on, if any.</summary>
    public delegate Task<(int Status, string? ActedOn)> Handler(Route route, string verb, IReadOnlyDictionary<string, string> delivered);

    public async Task<SetResult> RunAsync(int seed, int requestCount, Func<PolicyStoreDefinition, IReadOnlyDictionary<Route, DecisionCachePlan>> plansFor,
        Handler? handler = null)
    {
        handler ??= HandlerProbe.ActedOnAsync;
        var random = new Random(seed);
        var policyText = PolicySetGenerator.Generate(random, world);
        var requests = RequestSequenceGenerator.Generate(random, world, requestCount);

        var definition = PolicyStoreFiles.Load(_schema, [new SourceFile("cedar/policies/generated.cedar", policyText)], engine);
        using var decisions = new CedarDecisions(engine, definition);
        var avp = new InProcessVerifiedPermissions(decisions);
        var plans = plansFor(definition);
        // The scopes reach the authorizer as its environment variable does.
        var scopes = PolicyScopes.Parse(PolicyScopes.ToJson(plans));
        var function = new AuthorizerFunction(new PolicyAuthorizer(_tokens, avp, "generated", scopes, new RecordingLog().Log));
        var clock = new ManualClock();
        var gateway = new LambdaAuthorizerEmulation(clock);
        gateway.Deploy(plans, function.HandleAsync);

        var expectations = Decide(definition, requests, seed).Select((decision, i) => Expected(requests[i], decision, plans[requests[i].Route].Scope)).ToList();
        var answers = new List<string>();
        var divergences = new List<Divergence>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (request.ClockJumps) clock.Advance(TimeSpan.FromSeconds(TtlSeconds + 1));
            var actual = await ThroughTheGatewayAsync(gateway, handler, request, i);
            var expected = expectations[i];
            answers.Add(actual);
            if (actual != expected) divergences.Add(new Divergence(i, request, expected, actual));
        }
        return new SetResult(seed, policyText, requests, answers, divergences, gateway.Invocations, plans.Values.Count(p => !p.Cached));
    }

    private static async Task<string> ThroughTheGatewayAsync(LambdaAuthorizerEmulation gateway, Handler handler, GeneratedRequest request, int index)
    {
        var (route, parameters) = LocalApiGateway.Match(request.Verb, request.Path);
        if (route != request.Route) return $"routed to {route?.ToString() ?? "nothing"}";
        var outcome = await gateway.AuthorizeAsync(new GatewayRequest(route, request.Verb, request.Path,
            new Dictionary<string, string> { ["Authorization"] = $"Bearer {request.Token}" }, parameters,
            LocalApiGateway.MethodArn(Stage, request.Verb, request.Path), $"r-{index}"));
        if (outcome.Status != 200) return outcome.Status == 403 ? "deny" : $"{outcome.Status} {outcome.Message}";
        if (route.PathParameters.Count == 0) return "allow";
        var (status, actedOn) = await handler(route, request.Verb, parameters);
        return actedOn is null ? $"allow, then {status}" : $"allow, acted on {actedOn}";
    }

    /// <summary>
    /// What must happen given Cedar's decision on the meant values: a deny, or the handler acting on the meant value or
    /// refusing it. A spelling the API refuses is denied outright where a policy may read it (an answer for this request only).
    /// </summary>
    private static string Expected(GeneratedRequest request, string decision, PolicyScope scope) => decision switch
    {
        _ when !request.Readable && scope == PolicyScope.Request => "deny",
        "allow" when request.Route.PathParameters.Count == 0 => "allow",
        "allow" when !request.Readable => "allow, then 400",
        // The probed handlers act on their route's one parameter.
        "allow" => $"allow, acted on {request.Spelled.Single().Value.Means}",
        "deny" => "deny",
        _ => decision,
    };

    /// <summary>
    /// Cedar's answer to each request on its own, with the requests built here from what was meant (not by the
    /// product's mapping), decided by cedar-wasm against the schema over a store of its own, in one round trip.
    /// </summary>
    private IReadOnlyList<string> Decide(PolicyStoreDefinition definition, IReadOnlyList<GeneratedRequest> requests, int seed)
    {
        var name = $"oracle-{seed}";
        var loaded = engine.Call("load", new JsonObject { ["name"] = name, ["schema"] = JsonNode.Parse(_schema.Text), ["policies"] = definition.PolicyTexts() });
        if (loaded["type"]?.GetValue<string>() != "success") throw new InvalidOperationException($"The oracle could not load the policies: {loaded.ToJsonString()}");
        try
        {
            var answers = engine.Call("authorizeEach", new JsonObject { ["name"] = name, ["calls"] = new JsonArray([.. requests.Select(r => (JsonNode)Call(r))]) });
            return [.. answers.AsArray().Select(a => a!["type"]?.GetValue<string>() == "success"
                ? a["response"]!["decision"]!.GetValue<string>()
                : $"Cedar refused the request: {a.ToJsonString()}")];
        }
        finally
        {
            engine.Call("unload", new JsonObject { ["name"] = name });
        }
    }

    private static JsonObject Call(GeneratedRequest request)
    {
        var user = request.User;
        JsonObject Uid(string type, string id) => new() { ["type"] = type, ["id"] = id };
        var entities = new JsonArray(
            new JsonObject
            {
                ["uid"] = Uid("PetStore::User", user.PrincipalId),
                // The world's people have no stores claim in their tokens: they work in no store.
                ["attrs"] = new JsonObject { ["username"] = user.Username, ["provider"] = user.Pool.Pool.Name, ["kind"] = "person", ["stores"] = new JsonArray() },
                ["parents"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)Uid("PetStore::UserGroup", g))]),
            },
            new JsonObject { ["uid"] = Uid("PetStore::Application", "PetStore"), ["attrs"] = new JsonObject(), ["parents"] = new JsonArray() });
        foreach (var group in user.Groups)
            entities.Add(new JsonObject { ["uid"] = Uid("PetStore::UserGroup", group), ["attrs"] = new JsonObject(), ["parents"] = new JsonArray() });
        return new JsonObject
        {
            ["principal"] = Uid("PetStore::User", user.PrincipalId),
            ["action"] = Uid("PetStore::Action", $"{request.Verb.ToLowerInvariant()} {request.Route.Path}"),
            ["resource"] = Uid("PetStore::Application", "PetStore"),
            ["context"] = new JsonObject { ["pathParameters"] = new JsonObject([.. request.Decided.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]) },
            ["entities"] = entities,
        };
    }
}
