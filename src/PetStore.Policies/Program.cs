using System.CommandLine;
using PetStore.Policies;

var cedar = new Option<DirectoryInfo?>("--cedar") { Description = "The policy folder (default: the repository's cedar/)." };
var check = new Option<bool>("--check") { Description = "Write nothing: exit 1 when the file is not what the schema and the route table give." };
var schema = new Command("schema",
    $"Writes cedar/{PetStore.Cedar.PolicyStoreFiles.SchemaFile}: the entity types of cedar/{PetStore.Cedar.PolicyStoreFiles.HumanSchemaFile} " +
    "with one action per verb of every route with policy access, as Verified Permissions receives it.")
{
    cedar, check,
};
schema.SetAction(result => PolicyCommands.Schema(result.GetValue(cedar), result.GetValue(check), Console.Out, Console.Error));

var log = new Option<FileInfo>("--log") { Description = "The access log: one JSON line per request, as the stage writes it (or local mode's --access-log).", Required = true };
var json = new Option<bool>("--json") { Description = "Write the result as JSON (lines, replayed, skipped, changes)." };
var replay = new Command("replay",
    "Decides the authorizer's Cedar decisions of an access log again against the policies of --cedar (default cedar/), and lists the requests whose decision, or deciding policies, would change.")
{
    log, cedar, json,
};
replay.SetAction(result => PolicyCommands.Replay(result.GetValue(log)!, result.GetValue(cedar), result.GetValue(json), Console.Out, Console.Error));

return new RootCommand("Tools for the policy authors' files in cedar/.") { schema, replay }.Parse(args).Invoke();
