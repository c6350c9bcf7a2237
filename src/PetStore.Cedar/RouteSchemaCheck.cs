using System.Text.RegularExpressions;
using PetStore.Contract;

namespace PetStore.Cedar;

/// <summary>
/// The schema's actions must be exactly the policy routes of the route table, each applying to
/// <c>PetStore::User</c> on <c>PetStore::Application</c> with its route's path parameters as required strings.
/// Synth fails on any difference, and so does a test.
/// </summary>
public static partial class RouteSchemaCheck
{
    /// <summary>
    /// Throws every difference between <paramref name="schema"/> and the route table, each at the line of the
    /// human-readable schema (<see cref="PolicyStoreFiles.HumanSchemaFile"/>) that declares the action it names.
    /// </summary>
    /// <exception cref="CedarPolicyException">The schema and the policy routes differ.</exception>
    public static void Enforce(CedarSchema schema, string cedarDirectory)
    {
        var drift = Differences(schema, RouteTable.All);
        if (drift.Count == 0) return;
        var human = Path.Combine(cedarDirectory, PolicyStoreFiles.HumanSchemaFile);
        var text = File.Exists(human) ? File.ReadAllText(human) : "";
        var display = $"{Path.GetFileName(Path.GetFullPath(cedarDirectory).TrimEnd(Path.DirectorySeparatorChar))}/{PolicyStoreFiles.HumanSchemaFile}";
        throw new CedarPolicyException([.. drift.Select(d => new CedarProblem(display, LineOfQuotedAction(text, d), 1,
            $"{d} (the route table is lambdas/PetStore.Contract/RouteTable.cs)"))]);
    }

    public static IReadOnlyList<string> Differences(CedarSchema schema, IEnumerable<Route> routes)
    {
        var differences = new List<string>();
        var declared = schema.Actions.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var expected = new HashSet<string>(StringComparer.Ordinal);

        foreach (var route in routes.Where(r => r.Access == Access.Policy))
        {
            foreach (var actionId in route.CedarActionIds)
            {
                expected.Add(actionId);
                if (!declared.TryGetValue(actionId, out var action))
                {
                    differences.Add($"route {route} needs action \"{actionId}\", which the schema does not declare");
                    continue;
                }
                if (!action.PrincipalTypes.SequenceEqual([CedarAction.UserType]))
                    differences.Add($"action \"{actionId}\" must apply to principal [{CedarAction.UserType}], not [{string.Join(", ", action.PrincipalTypes)}]");
                if (!action.ResourceTypes.SequenceEqual([CedarAction.ApplicationType]))
                    differences.Add($"action \"{actionId}\" must apply to resource [{CedarAction.ApplicationType}], not [{string.Join(", ", action.ResourceTypes)}]");

                var wanted = route.PathParameters.Order(StringComparer.Ordinal).Select(p => $"{p}: String");
                var has = action.PathParameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}");
                if (!wanted.SequenceEqual(has))
                    differences.Add($"action \"{actionId}\" context.pathParameters must be {{ {string.Join(", ", wanted)} }}, not {{ {string.Join(", ", has)} }}");
            }
        }

        differences.AddRange(declared.Keys.Where(id => !expected.Contains(id))
            .Select(id => $"the schema declares action \"{id}\", but no route with policy access has it"));
        return differences;
    }

    /// <summary>The line of the first quoted action id a message mentions, or 1.</summary>
    private static int LineOfQuotedAction(string schemaText, string message)
    {
        var quoted = Quoted().Match(message);
        var at = quoted.Success ? schemaText.IndexOf(quoted.Value, StringComparison.Ordinal) : -1;
        return at < 0 ? 1 : schemaText[..at].Count(c => c == '\n') + 1;
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
