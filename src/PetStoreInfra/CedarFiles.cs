using System.Text.RegularExpressions;
using PetStore.Cedar;
using PetStore.Configuration;
using PetStore.Contract;

namespace PetStoreInfra;

/// <summary>
/// Reads cedar/ for deployment: every policy validated (STRICT) against the schema by the Cedar engine, and the
/// schema's actions checked against the route table. Any problem fails synth naming its file and line.
/// </summary>
public static class CedarFiles
{
    public const string HumanSchemaFile = "cedar/schema/petstore.cedarschema";

    public static PolicyStoreDefinition Load(RepositoryLayout layout, PetStore.NodeTools.NodeTools? tools = null)
    {
        using var engine = CedarEngine.Start(tools ?? PetStore.NodeTools.NodeTools.Locate(layout.Root));
        var definition = PolicyStoreFiles.Load(layout.CedarDirectory, engine);

        var drift = RouteSchemaCheck.Differences(definition.Schema, RouteTable.All);
        if (drift.Count > 0)
        {
            var human = Path.Combine(layout.Root, HumanSchemaFile);
            var text = File.Exists(human) ? File.ReadAllText(human) : "";
            throw new CedarPolicyException([.. drift.Select(d => new CedarProblem(HumanSchemaFile, LineOfQuotedAction(text, d), 1,
                $"{d} (the route table is lambdas/PetStore.Contract/RouteTable.cs)"))]);
        }
        return definition;
    }

    /// <summary>The line of the first quoted action id a message mentions, or 1.</summary>
    private static int LineOfQuotedAction(string schemaText, string message)
    {
        var quoted = Regex.Match(message, "\"([^\"]+)\"");
        var at = quoted.Success ? schemaText.IndexOf(quoted.Value, StringComparison.Ordinal) : -1;
        return at < 0 ? 1 : schemaText[..at].Count(c => c == '\n') + 1;
    }
}
