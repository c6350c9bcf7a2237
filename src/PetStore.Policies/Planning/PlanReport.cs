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
        if (plan.BaseRefused > 0)
            output.WriteLine($"Not compared: {plan.BaseRefused:N0} classes the base's schema refuses as today's code builds them (an older schema?): {plan.BaseRefusal}");
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
    public static string Line(DecisionChange change) => $"{change.Action}, {Requests(change)}: {change.Before} -> {change.After}";

    /// <summary>The requests of a change in words: <c>in customers, does not work in uptown, pet status pending, body price given</c>.</summary>
    public static string Requests(DecisionChange change) => change.Requests.Count == 0 ? "every request" : string.Join(", ", change.Requests.Select(r =>
    {
        var dimension = change.Dimensions.FirstOrDefault(d => d.Name == r.Key);
        if (dimension is { Boolean: true })
            return r.Value is [RequestClasses.Yes] ? r.Key
                : r.Key.StartsWith("works in ", StringComparison.Ordinal) ? $"does not work in {r.Key["works in ".Length..]}" : $"not {r.Key}";
        // An optional field with every value but "absent": given, whatever its value.
        if (dimension is not null && dimension.Values.Contains(RequestClasses.Absent) && !r.Value.Contains(RequestClasses.Absent) && r.Value.Count == dimension.Values.Count - 1)
            return $"{r.Key} {RequestClasses.Given}";
        return $"{r.Key} {string.Join(" or ", r.Value.Select(v => v.Length == 0 ? "\"\"" : v))}";
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
            ["requests"] = new JsonObject([.. c.Requests.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonArray([.. r.Value.Select(v => (JsonNode)v)])))]),
            ["before"] = Decision(c.Before), ["after"] = Decision(c.After),
        };
        static JsonNode RouteChange(RoutePlanChange c) => new JsonObject { ["route"] = c.Route, ["before"] = c.Before, ["after"] = c.After };
        static JsonNode Policy(PolicyAt p) => new JsonObject { ["id"] = p.Id, ["file"] = p.File, ["line"] = p.Line, ["effect"] = p.Effect };
        return new JsonObject
        {
            ["base"] = plan.Base, ["head"] = plan.Head, ["baseVersion"] = plan.BaseVersion, ["headVersion"] = plan.HeadVersion,
            ["actions"] = plan.Actions, ["classes"] = plan.Classes, ["unreachable"] = plan.Unreachable,
            ["refusedByBase"] = plan.BaseRefused, ["baseRefusal"] = plan.BaseRefusal,
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
