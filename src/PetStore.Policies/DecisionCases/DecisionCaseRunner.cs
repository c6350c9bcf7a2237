using PetStore.Cedar;
using PetStore.Contract;

namespace PetStore.Policies;

/// <summary>
/// Runs the decision cases of cedar/tests against a policy store with the real Cedar engine, and checks the two rules
/// they must meet together: every action of a route Cedar decides has a case for each group and for no group, and every
/// policy is the reason of some case.
/// </summary>
public static class DecisionCaseRunner
{
    /// <summary>What is wrong with one case's answer, or null when Cedar decides it as the case says.</summary>
    public static string? Check(DecisionCase test, CedarDecisions decisions)
    {
        System.Text.Json.Nodes.JsonObject response;
        try
        {
            response = decisions.IsAuthorized(DecisionRequests.Build(test.Request));
        }
        catch (Exception e) when (e is ArgumentException or CedarRequestException or NotSupportedException)
        {
            return $"{test}: the request cannot be decided: {e.Message}";
        }
        var decision = response["decision"]!.GetValue<string>();
        var reason = response["determiningPolicies"]!.AsArray().Select(p => p!["policyId"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var errors = response["errors"]!.AsArray().Count;
        var problems = new List<string>();
        if (!string.Equals(decision, test.Decision, StringComparison.OrdinalIgnoreCase)) problems.Add($"decision {decision.ToLowerInvariant()}, expected {test.Decision}");
        if (!reason.SequenceEqual(test.Reason.Order(StringComparer.Ordinal))) problems.Add($"reason [{string.Join(", ", reason)}], expected [{string.Join(", ", test.Reason)}]");
        if (errors != test.NumErrors) problems.Add($"{errors} errors, expected {test.NumErrors}");
        return problems.Count == 0 ? null : $"{test}: {string.Join("; ", problems)}";
    }

    /// <summary>The actions and principals (a group, or none) no case covers.</summary>
    public static IReadOnlyList<string> MissingCoverage(IReadOnlyList<DecisionCase> cases)
    {
        string[][] principals = [.. Groups.All.Select(g => new[] { g }), []];
        return [.. RouteTable.CedarActionIds
            .SelectMany(action => principals.Select(groups => (action, groups)))
            .Where(need => !cases.Any(c => c.Request.Action == need.action && c.Request.Principal.Groups.SequenceEqual(need.groups)))
            .Select(need => $"{need.action} as [{string.Join(",", need.groups)}]")];
    }

    /// <summary>The policies no case names as a reason.</summary>
    public static IReadOnlyList<string> Unnamed(IReadOnlyList<DecisionCase> cases, PolicyStoreDefinition definition)
    {
        var reasons = cases.SelectMany(c => c.Reason).ToHashSet(StringComparer.Ordinal);
        return [.. definition.Policies.Where(p => !reasons.Contains(p.Id)).Select(p => $"{p.Id} ({p.File}:{p.Line})")];
    }

    /// <summary>Every problem with the cases of <paramref name="cedarDirectory"/>: none when all pass.</summary>
    public static (int Cases, IReadOnlyList<string> Problems) Run(string cedarDirectory, CedarDecisions decisions)
    {
        var cases = DecisionCase.Load(cedarDirectory);
        var problems = cases.Select(c => Check(c, decisions)).OfType<string>().ToList();
        problems.AddRange(MissingCoverage(cases).Select(m => $"no case for {m}"));
        problems.AddRange(Unnamed(cases, decisions.Definition).Select(p => $"no case names policy {p} as its reason"));
        return (cases.Count, problems);
    }
}
