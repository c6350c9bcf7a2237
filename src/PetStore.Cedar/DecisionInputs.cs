using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Cedar;

/// <summary>
/// For each policy route, what its policies read of a request. The Cedar engine gives each policy's JSON form (its
/// EST); walking it finds every variable and attribute a policy touches, in its scope and its conditions, and the
/// actions (so the routes) it applies to. <see cref="DecisionCacheRule"/> turns that into each route's cache plan.
/// A policy that reads something the authorizer never puts in the request is a problem at its file and line.
/// </summary>
public sealed class DecisionInputs
{
    private DecisionInputs(IReadOnlyList<PolicyInput> reads, IReadOnlyDictionary<Route, ListPlan> listPlans) =>
        (Reads, ListPlans) = (reads, listPlans);

    public static readonly DecisionInputs None = new([], RouteTable.All.Where(IsList).ToDictionary(r => r, _ => ListPlan.ScanAlways));

    /// <summary>A list route: a collection read decided item by item (<c>GET /orders</c>).</summary>
    public static bool IsList(Route route) => route.Access == Access.Resource && route.Method == "GET" && route.PathParameters.Count == 0;

    /// <summary>Where each list route finds the items a caller may read (<see cref="ListPlan"/>), from its permits.</summary>
    public IReadOnlyDictionary<Route, ListPlan> ListPlans { get; }

    public ListPlan OrdersListPlan => ListPlans[RouteTable.All.Single(r => r.Operation == RouteTable.Operations.ListOrders)];

    /// <summary>Every (route, input, policy) found.</summary>
    public IReadOnlyList<PolicyInput> Reads { get; }

    public IReadOnlySet<RequestInput> For(Route route) => Reads.Where(r => r.Route == route).Select(r => r.Input).ToHashSet();

    /// <summary>Each policy route's cache plan for the configured TTL.</summary>
    public IReadOnlyDictionary<Route, DecisionCachePlan> Plans(int ttlSeconds) =>
        RouteTable.All.Where(r => r.Access == Access.Policy).ToDictionary(r => r, r => DecisionCacheRule.Plan(For(r), ttlSeconds));

    /// <summary>The reads of the routes the handlers decide (never cached: each request is decided on the resource as loaded).</summary>
    public IReadOnlyDictionary<Route, IReadOnlySet<RequestInput>> ResourceRouteReads =>
        RouteTable.All.Where(r => r.Access == Access.Resource).ToDictionary(r => r, For);

    /// <summary>The reads that keep a route from being cached under <see cref="DecisionCacheRule"/>, for telling authors why.</summary>
    public IReadOnlyList<PolicyInput> Uncacheable(Route route) =>
        [.. Reads.Where(r => r.Route == route && DecisionCacheRule.Plan([r.Input], 1).Cached is false)];

    internal static DecisionInputs Analyze(CedarSchema schema, IReadOnlyList<CedarPolicy> policies, CedarEngine engine, List<CedarProblem> problems)
    {
        var routeOf = RouteTable.All.Where(r => r.IsDecidedByPolicies)
            .SelectMany(r => r.CedarActionIds.Select(a => (Action: a, Route: r)))
            .ToDictionary(x => x.Action, x => x.Route);
        var reads = new List<PolicyInput>();
        var permits = new List<(JsonNode Est, IReadOnlyList<Route> Routes)>();
        foreach (var policy in policies)
        {
            var est = JsonOf(policy, engine);
            var routes = Actions(est["action"]!, schema).Where(routeOf.ContainsKey).Select(a => routeOf[a]).Distinct().ToList();
            if (est["effect"]?.GetValue<string>() == "permit") permits.Add((est, routes));
            foreach (var (variable, path) in Variables(est))
            {
                foreach (var route in routes)
                {
                    if (DecisionCacheRule.Classify(variable, path, route) is { } inputs)
                        reads.AddRange(inputs.Select(i => new PolicyInput(route, i, policy)));
                    else
                        problems.Add(new CedarProblem(policy.File, policy.Line, 1,
                            $"policy \"{policy.Id}\" reads {string.Join('.', [variable, .. path])}, which no component puts in a request for {route}: " +
                            Supplies(route) + "; Verified Permissions could not decide it"));
                }
            }
        }
        return new DecisionInputs(reads.Distinct().ToList(),
            RouteTable.All.Where(IsList).ToDictionary(r => r, r => ListPlanOf(permits.Where(p => p.Routes.Contains(r)).Select(p => p.Est))));
    }

    /// <summary>The policy's JSON form (its EST), as the Cedar engine gives it.</summary>
    public static JsonNode JsonOf(CedarPolicy policy, CedarEngine engine) => policy.Json ?? engine.Call("policyToJson", new JsonObject { ["text"] = policy.Statement }) switch
    {
        var answer when CedarAnswer.IsSuccess(answer) => answer["json"]!,
        _ => throw new CedarPolicyException([new CedarProblem(policy.File, policy.Line, 1, $"policy \"{policy.Id}\": the Cedar engine could not give its JSON form")]),
    };

    /// <summary>
    /// Who must be shown the whole table: the principals of every permit not restricted to the owner. A permit is
    /// restricted when one of its <c>when</c> clauses is a conjunction with <c>principal == resource.owner</c> (either
    /// way round); its principal scope is a group (those members), or anything else (everyone). Forbids only take
    /// away, so they never widen where to look.
    /// </summary>
    internal static ListPlan ListPlanOf(IEnumerable<JsonNode> permits)
    {
        var everyone = false;
        var groups = new List<string>();
        foreach (var est in permits.Where(p => !RestrictsToOwner(p)))
        {
            var scope = est["principal"]!;
            var group = scope["op"]?.GetValue<string>() switch
            {
                "in" => scope["entity"],
                "is" => scope["in"]?["entity"],
                _ => null,
            };
            if (group?["type"]?.GetValue<string>() == CedarAction.GroupType && group["id"]?.GetValue<string>() is { } id) groups.Add(id);
            else everyone = true;
        }
        return new ListPlan(everyone, [.. groups.Distinct().Order(StringComparer.Ordinal)]);
    }

    private static bool RestrictsToOwner(JsonNode est) => (est["conditions"]?.AsArray() ?? []).Any(c =>
        c?["kind"]?.GetValue<string>() == "when" && Conjuncts(c["body"]).Any(IsOwnerEquality));

    private static IEnumerable<JsonNode?> Conjuncts(JsonNode? node) => node?["&&"] is { } and
        ? [.. Conjuncts(and["left"]), .. Conjuncts(and["right"])]
        : [node];

    private static bool IsOwnerEquality(JsonNode? node)
    {
        if (node?["=="] is not { } equal) return false;
        static bool IsPrincipal(JsonNode? n) => n is JsonObject { Count: 1 } o && o["Var"]?.GetValue<string>() == "principal";
        static bool IsOwner(JsonNode? n) => n is JsonObject { Count: 1 } o && o["."] is { } access
            && access["attr"] is JsonValue attr && attr.GetValue<string>() == ListPlan.OwnerAttribute
            && access["left"] is JsonObject { Count: 1 } left && left["Var"]?.GetValue<string>() == "resource";
        return (IsPrincipal(equal["left"]) && IsOwner(equal["right"])) || (IsOwner(equal["left"]) && IsPrincipal(equal["right"]));
    }

    /// <summary>What a request of the route carries, for telling an author what a policy may read.</summary>
    private static string Supplies(Route route) => route.Access == Access.Resource
        ? $"the handler sends the principal with {string.Join(", ", CedarAction.PrincipalAttributes)} and its groups, the action, " +
          $"the {route.ResourceType} acted on with the attributes of {string.Join(" and ", ResourceEntities.Supplied(route.Resource!).Select(p => string.Join('.', ["resource", .. p])))}, " +
          $"context.{CedarAction.PathParametersAttribute}" + (route.Body is null ? "" : $" and context.{CedarAction.BodyAttribute}")
        : $"the authorizer sends the principal with {string.Join(", ", CedarAction.PrincipalAttributes)} and its groups, the action, " +
          $"the resource (with no attributes) and context.{CedarAction.PathParametersAttribute}; no cache could be keyed on anything else";

    /// <summary>The ids of the actions an action scope admits: all, one, or a set (with the members of action groups).</summary>
    public static IReadOnlyList<string> Actions(JsonNode scope, CedarSchema schema)
    {
        var all = schema.Actions.Select(a => a.Id).ToList();
        IEnumerable<string> Named(JsonNode node) => node is JsonArray many ? many.Select(e => e!["id"]!.GetValue<string>()) : [node["id"]!.GetValue<string>()];
        return scope["op"]!.GetValue<string>() switch
        {
            "==" => [.. Named(scope["entity"]!)],
            "in" => [.. all.Where(a => Named(scope["entities"] ?? scope["entity"]!).Any(g => schema.IsIn(a, g)))],
            _ => all,
        };
    }

    /// <summary>
    /// Every variable a policy reads, with the attribute path read from it: <c>("context", ["pathParameters", "proxy"])</c>,
    /// <c>("principal", ["username"])</c>, or an empty path for the variable itself. Conservative: any node not known
    /// to be a literal is searched.
    /// </summary>
    public static IReadOnlyList<(string Variable, IReadOnlyList<string> Path)> Variables(JsonNode est)
    {
        var found = new List<(string, IReadOnlyList<string>)>();
        foreach (var part in new[] { "principal", "action", "resource" })
            if (est[part]?["op"]?.GetValue<string>() is { } op && op != "All") found.Add((part, []));
        foreach (var condition in est["conditions"]?.AsArray() ?? [])
            Walk(condition!["body"], found);
        return found;
    }

    private static void Walk(JsonNode? node, List<(string, IReadOnlyList<string>)> found)
    {
        switch (node)
        {
            case JsonArray items:
                foreach (var item in items) Walk(item, found);
                break;
            case JsonObject { Count: 1 } single when single.First() is var (key, value):
                if (key == "Value") return;
                if (key == "Var")
                {
                    found.Add((value!.GetValue<string>(), []));
                    return;
                }
                if (key is "." or "has" or "getTag" or "hasTag" && AttributeAccess(single) is { } access)
                {
                    found.Add(access);
                    return;
                }
                // `x.attr in E` asks about the ancestors of the entity x.attr names: they are sent only with supplied entities.
                if (key == "in" && value?["left"] is JsonObject { Count: 1 } left && left.First().Key == "." && AttributeAccess(left) is var (variable, path))
                {
                    found.Add((variable, [.. path, "<ancestors>"]));
                    Walk(value["right"], found);
                    return;
                }
                Walk(value, found);
                break;
            case JsonObject many:
                foreach (var (_, value) in many) Walk(value, found);
                break;
        }
    }

    /// <summary>
    /// <c>context.pathParameters.proxy</c>, <c>context has pathParameters.proxy</c>, <c>principal.getTag("t")</c>: the
    /// variable and the path, when the chain of accesses starts at a variable (tags are marked, as none is supplied).
    /// </summary>
    private static (string, IReadOnlyList<string>)? AttributeAccess(JsonObject node)
    {
        var path = new List<string>();
        JsonNode? current = node;
        while (current is JsonObject { Count: 1 } step && step.First() is var (key, body) && key is "." or "has" or "getTag" or "hasTag")
        {
            path.InsertRange(0, key switch
            {
                "getTag" or "hasTag" => ["<tag>"],
                _ => body!["attr"] is JsonArray attrs ? attrs.Select(a => a!.GetValue<string>()) : [body!["attr"]!.GetValue<string>()],
            });
            current = body!["left"];
        }
        if (current is JsonObject { Count: 1 } root && root["Var"] is { } variable) return (variable.GetValue<string>(), path);
        // An attribute of an entity named in the policy: of the entities with attributes, only the principal is a User;
        // any other (a store named by id) may not be in the request at all.
        if (current is JsonObject { Count: 1 } literal && literal["Value"]?["__entity"] is { } entity)
            return (entity["type"]?.GetValue<string>() == CedarAction.UserType ? "principal" : "entity", path);
        return null;
    }
}
