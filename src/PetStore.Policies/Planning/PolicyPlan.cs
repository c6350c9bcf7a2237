using System.Text.Json.Nodes;
using PetStore.Cedar;
using PetStore.Contract;

namespace PetStore.Policies.Planning;

/// <summary>One side of a decision: allow or deny (or refused, when the request does not match that side's schema) and the policies that decided.</summary>
public sealed record PlanDecision(string Decision, IReadOnlyList<string> Policies, string? Refusal = null)
{
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string Refused = "refused";

    /// <summary>Which kind of policy decided: a permit, a forbid, or none (the default deny).</summary>
    public string Reason => Decision switch
    {
        Allow => "permit",
        Deny => Policies.Count > 0 ? "forbid" : "no permit",
        _ => "the schema",
    };

    public override string ToString() => Decision == Refused ? $"refused by the schema ({Refusal})"
        : Policies.Count == 0 ? $"{Decision} ({Reason})" : $"{Decision} ({Reason}: {string.Join(", ", Policies)})";
}

/// <summary>Requests of an action, written as a pattern of its dimensions (a missing dimension is any value), decided one way before and another after.</summary>
public sealed record DecisionChange(string Action, IReadOnlyDictionary<string, IReadOnlyList<string>> Requests, PlanDecision Before, PlanDecision After)
{
    /// <summary>The dimensions of <see cref="Requests"/>, to tell yes-or-no ones and optional fields in words.</summary>
    public IReadOnlyList<Dimension> Dimensions { get; init; } = [];
}

/// <summary>A route whose authorizer cache plan, or list plan, the change alters.</summary>
public sealed record RoutePlanChange(string Route, string Before, string After);

/// <summary>A policy of the working tree, where it is written.</summary>
public sealed record PolicyAt(string Id, string File, int Line, string Effect);

/// <summary>A permit that applies to some requests, every one of which a forbid denies.</summary>
public sealed record ShadowedPolicy(PolicyAt Policy, IReadOnlyList<string> DeniedBy);

/// <summary>What a policy change does, decided by Cedar over every request class of every action.</summary>
public sealed record PlanResult(
    string Base, string Head, string BaseVersion, string HeadVersion, int Actions, int Classes, int Unreachable,
    IReadOnlyList<DecisionChange> Changes, IReadOnlyList<DecisionChange> SameDecisionOtherPolicies,
    IReadOnlyList<RoutePlanChange> CachePlanChanges, IReadOnlyList<RoutePlanChange> ListPlanChanges,
    IReadOnlyList<PolicyAt> DeadPolicies, IReadOnlyList<ShadowedPolicy> ShadowedPolicies, IReadOnlyList<PolicyAt> FormatDrift)
{
    /// <summary>Classes the base's schema refuses as today's code builds them (an older schema): not compared, the first reason given.</summary>
    public int BaseRefused { get; init; }
    public string? BaseRefusal { get; init; }

    /// <summary>Whether a deployment would change who may do what, or how answers are cached or lists read.</summary>
    public bool HasChanges => Changes.Count > 0 || CachePlanChanges.Count > 0 || ListPlanChanges.Count > 0;
}

/// <summary>
/// The plan: every request class the policies of either side can tell apart (<see cref="RequestClasses"/>), decided by
/// the real Cedar engine with the base's policies and the working tree's; every route whose cache or list plan
/// changes; the working tree's policies that decide nothing (dead) or only requests a forbid denies (shadowed); and
/// policies not written as <c>cedar format</c> writes them.
/// </summary>
public static class PolicyPlan
{
    public static PlanResult Run(PolicyStoreDefinition before, PolicyStoreDefinition after, CedarEngine engine, PlanDeployment deployment,
        string baseName, string headName)
    {
        var beforeEsts = before.Policies.Select(p => DecisionInputs.JsonOf(p, engine)).ToList();
        var afterEsts = after.Policies.Select(p => DecisionInputs.JsonOf(p, engine)).ToList();
        var vocabulary = PolicyVocabulary.Of([.. beforeEsts, .. afterEsts]);
        var beforeActions = beforeEsts.Select(e => DecisionInputs.Actions(e["action"]!, before.Schema).ToHashSet()).ToList();
        var afterActions = afterEsts.Select(e => DecisionInputs.Actions(e["action"]!, after.Schema).ToHashSet()).ToList();

        var permits = after.Policies.Where((_, i) => IsPermit(afterEsts[i])).ToList();
        using var beforeDecisions = new CedarDecisions(engine, before);
        using var afterDecisions = new CedarDecisions(engine, after);
        using var permitsOnly = new CedarDecisions(engine, after with { Policies = permits });

        var changes = new List<DecisionChange>();
        var sameDecision = new List<DecisionChange>();
        var satisfiedPermits = new HashSet<string>(StringComparer.Ordinal);
        var decidingPermits = new HashSet<string>(StringComparer.Ordinal);
        var decidingForbids = new HashSet<string>(StringComparer.Ordinal);
        var shadowedBy = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        int actions = 0, classes = 0, unreachable = 0, baseRefused = 0;
        string? baseRefusal = null;
        foreach (var route in RouteTable.All.Where(r => r.IsDecidedByPolicies))
        {
            foreach (var action in route.CedarActionIds)
            {
                var reads = new HashSet<string>(StringComparer.Ordinal);
                foreach (var est in beforeEsts.Where((_, i) => beforeActions[i].Contains(action)).Concat(afterEsts.Where((_, i) => afterActions[i].Contains(action))))
                    foreach (var (variable, path) in DecisionInputs.Variables(est))
                        reads.Add(string.Join('.', [variable, .. path]));
                var space = RequestClasses.For(route, action, reads, vocabulary, deployment);
                actions++;
                classes += space.Classes.Count;
                unreachable += space.Unreachable;
                var requests = space.Classes.Select(c => c.Request).ToList();
                var was = beforeDecisions.IsAuthorizedEach(requests).Select(Decision).ToList();
                var now = afterDecisions.IsAuthorizedEach(requests).Select(Decision).ToList();
                var permitted = permitsOnly.IsAuthorizedEach(requests).Select(Decision).ToList();
                var changed = new Dictionary<(string, string), (PlanDecision Before, PlanDecision After, List<IReadOnlyList<string>> Classes)>();
                for (var i = 0; i < requests.Count; i++)
                {
                    satisfiedPermits.UnionWith(permitted[i].Policies);
                    if (now[i].Decision == PlanDecision.Allow) decidingPermits.UnionWith(now[i].Policies);
                    if (now[i].Decision == PlanDecision.Deny)
                    {
                        decidingForbids.UnionWith(now[i].Policies);
                        foreach (var permit in permitted[i].Policies.Where(_ => now[i].Policies.Count > 0))
                            (shadowedBy.TryGetValue(permit, out var by) ? by : shadowedBy[permit] = new(StringComparer.Ordinal)).UnionWith(now[i].Policies);
                    }
                    if (was[i].ToString() == now[i].ToString()) continue;
                    // Today's code builds the requests: a base schema that cannot take them was never asked them.
                    if (was[i].Decision == PlanDecision.Refused && now[i].Decision != PlanDecision.Refused)
                    {
                        baseRefused++;
                        baseRefusal ??= was[i].Refusal;
                        continue;
                    }
                    var key = (was[i].ToString(), now[i].ToString());
                    if (!changed.TryGetValue(key, out var group)) changed[key] = group = (was[i], now[i], []);
                    group.Classes.Add(space.Classes[i].Values);
                }
                var all = space.Classes.Select(c => c.Values).ToList();
                foreach (var (_, (was1, now1, members)) in changed.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2, StringComparer.Ordinal))
                    foreach (var pattern in ClassMerge.Merge(members, space.Dimensions, all))
                        (was1.Decision == now1.Decision ? sameDecision : changes).Add(new DecisionChange(action, Describe(pattern, space.Dimensions), was1, now1) { Dimensions = space.Dimensions });
            }
        }

        PolicyAt At(CedarPolicy p) => new(p.Id, p.File, p.Line, permits.Contains(p) ? "permit" : "forbid");
        var dead = after.Policies.Where(p => permits.Contains(p) ? !satisfiedPermits.Contains(p.Id) : !decidingForbids.Contains(p.Id)).Select(At).ToList();
        var shadowed = permits.Where(p => satisfiedPermits.Contains(p.Id) && !decidingPermits.Contains(p.Id))
            .Select(p => new ShadowedPolicy(At(p), [.. shadowedBy.GetValueOrDefault(p.Id) ?? []])).ToList();
        var drift = after.Policies.Where(p => !CedarFormat.IsFormatted(p, engine)).Select(At).ToList();

        return new PlanResult(baseName, headName, before.Version, after.Version, actions, classes, unreachable, changes, sameDecision,
            CachePlanChanges(before, after, deployment.CacheTtlSeconds), ListPlanChanges(before, after), dead, shadowed, drift)
        {
            BaseRefused = baseRefused,
            BaseRefusal = baseRefusal,
        };
    }

    private static List<RoutePlanChange> CachePlanChanges(PolicyStoreDefinition before, PolicyStoreDefinition after, int ttlSeconds)
    {
        var was = before.Inputs.Plans(ttlSeconds);
        var now = after.Inputs.Plans(ttlSeconds);
        string Describe(PolicyStoreDefinition side, Route route, DecisionCachePlan plan) => plan.Cached ? plan.Describe()
            : $"{plan.Describe()} ({string.Join("; ", side.Inputs.Uncacheable(route).Select(r => r.ToString()).DefaultIfEmpty("caching is off"))})";
        return [.. was.Keys.Where(route => !was[route].Equals(now[route]))
            .Select(route => new RoutePlanChange(route.ToString(), Describe(before, route, was[route]), Describe(after, route, now[route])))];
    }

    private static List<RoutePlanChange> ListPlanChanges(PolicyStoreDefinition before, PolicyStoreDefinition after) =>
        [.. before.Inputs.ListPlans.Where(p => p.Value.Describe() != after.Inputs.ListPlans[p.Key].Describe())
            .Select(p => new RoutePlanChange(p.Key.ToString(), p.Value.Describe(), after.Inputs.ListPlans[p.Key].Describe()))];

    /// <summary>A merged pattern's dimensions that are not "any", each with the values it holds there.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Describe(IReadOnlyList<string> pattern, IReadOnlyList<Dimension> dimensions) =>
        dimensions.Select((d, i) => (Dimension: d, Cell: pattern[i])).Where(x => x.Cell != ClassMerge.Any).ToDictionary(x => x.Dimension.Name,
            x => (IReadOnlyList<string>)[.. x.Cell.Split(ClassMerge.Or).Select(int.Parse).Select(v => x.Dimension.Values[v])]);

    private static PlanDecision Decision((JsonObject? Response, string? Refused) answer) => answer.Response is { } response
        ? new PlanDecision(response["decision"]!.GetValue<string>() == "ALLOW" ? PlanDecision.Allow : PlanDecision.Deny,
            [.. response["determiningPolicies"]!.AsArray().Select(p => p!["policyId"]!.GetValue<string>()).Order(StringComparer.Ordinal)])
        : new PlanDecision(PlanDecision.Refused, [], answer.Refused);

    private static bool IsPermit(JsonNode est) => est["effect"]?.GetValue<string>() == "permit";
}
