using System.Text.Json;
using System.Text.Json.Nodes;

namespace PetStore.Policies.Planning;

/// <summary>The plan as an author reads it, or as JSON for machines.</summary>
public static class PlanReport
{
    public static void Write(PlanResult plan, TextWriter output, bool json)
    {
        if (json)
        {
            output.WriteLine(Json(plan).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        output.WriteLine($"Plan: {plan.Head}, policy-set version {plan.HeadVersion}, against {plan.Base}, {plan.BaseVersion}: " +
            $"{plan.Classes:N0} request classes of {plan.Actions} actions, each decided by Cedar before and after" +
            (plan.Unreachable > 0 ? $" ({plan.Unreachable:N0} more the API refuses before any decision)." : "."));
        Section("Decisions that change", plan.Changes.Select(Line));
        Section("Authorizer cache plans that change", plan.CachePlanChanges.Select(c => $"{c.Route}: {c.Before} -> {c.After}"));
        Section("List plans that change", plan.ListPlanChanges.Select(c => $"{c.Route}: {c.Before} -> {c.After}"));
        Section("Same decision, other policies", plan.SameDecisionOtherPolicies.Select(Line));
        Section("Dead policies (they decide no request)", plan.DeadPolicies.Select(p => $"{p.Effect} {p.Id} ({p.File}:{p.Line})"));
        Section("Shadowed permits (a forbid denies every request they apply to)",
            plan.ShadowedPolicies.Select(s => $"{s.Policy.Id} ({s.Policy.File}:{s.Policy.Line}), denied by {string.Join(", ", s.DeniedBy)}"));
        Section("Not written as `cedar format` writes them (`dotnet run --project src/PetStore.Policies -- format` rewrites them)",
            plan.FormatDrift.Select(p => $"{p.Id} ({p.File}:{p.Line})"));

        void Section(string title, IEnumerable<string> lines)
        {
            var all = lines.ToList();
            output.WriteLine(all.Count == 0 ? $"{title}: none." : $"{title} ({all.Count}):");
            foreach (var line in all) output.WriteLine($"  {line}");
        }
    }

    /// <summary><c>delete /pets/{petId}, in customers, not in owners: deny (no permit) -> allow (permit: x)</c>.</summary>
    public static string Line(DecisionChange change) => $"{change.Action}, {Requests(change.Requests)}: {change.Before} -> {change.After}";

    /// <summary>The requests of a pattern in words: <c>in customers, does not work in uptown, pet status pending</c>.</summary>
    public static string Requests(IReadOnlyDictionary<string, string> pattern) => pattern.Count == 0 ? "every request" : string.Join(", ", pattern.Select(p => p switch
    {
        { Key: var name, Value: RequestClasses.Yes } => name,
        { Key: var name, Value: RequestClasses.No } when name.StartsWith("works in ", StringComparison.Ordinal) => $"does not work in {name["works in ".Length..]}",
        { Key: var name, Value: RequestClasses.No } => $"not {name}",
        { Key: var name, Value: var value } when value.Contains(ClassMerge.Or) => $"{name} {string.Join(" or ", value.Split(ClassMerge.Or))}",
        var other => $"{other.Key} {other.Value}",
    }));

    private static JsonObject Json(PlanResult plan)
    {
        static JsonNode Decision(PlanDecision d) => new JsonObject
        {
            ["decision"] = d.Decision, ["reason"] = d.Reason,
            ["policies"] = new JsonArray([.. d.Policies.Select(p => (JsonNode)p)]),
            ["refusal"] = d.Refusal,
        };
        static JsonNode Change(DecisionChange c) => new JsonObject
        {
            ["action"] = c.Action,
            ["requests"] = new JsonObject([.. c.Requests.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))]),
            ["before"] = Decision(c.Before), ["after"] = Decision(c.After),
        };
        static JsonNode RouteChange(RoutePlanChange c) => new JsonObject { ["route"] = c.Route, ["before"] = c.Before, ["after"] = c.After };
        static JsonNode Policy(PolicyAt p) => new JsonObject { ["id"] = p.Id, ["file"] = p.File, ["line"] = p.Line, ["effect"] = p.Effect };
        return new JsonObject
        {
            ["base"] = plan.Base, ["head"] = plan.Head, ["baseVersion"] = plan.BaseVersion, ["headVersion"] = plan.HeadVersion,
            ["actions"] = plan.Actions, ["classes"] = plan.Classes, ["unreachable"] = plan.Unreachable,
            ["changes"] = new JsonArray([.. plan.Changes.Select(Change)]),
            ["cachePlanChanges"] = new JsonArray([.. plan.CachePlanChanges.Select(RouteChange)]),
            ["listPlanChanges"] = new JsonArray([.. plan.ListPlanChanges.Select(RouteChange)]),
            ["sameDecisionOtherPolicies"] = new JsonArray([.. plan.SameDecisionOtherPolicies.Select(Change)]),
            ["deadPolicies"] = new JsonArray([.. plan.DeadPolicies.Select(Policy)]),
            ["shadowedPolicies"] = new JsonArray([.. plan.ShadowedPolicies.Select(s => (JsonNode)new JsonObject
            {
                ["policy"] = Policy(s.Policy), ["deniedBy"] = new JsonArray([.. s.DeniedBy.Select(p => (JsonNode)p)]),
            })]),
            ["formatDrift"] = new JsonArray([.. plan.FormatDrift.Select(Policy)]),
        };
    }
}
