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

return new RootCommand("Tools for the policy authors' files in cedar/.") { schema }.Parse(args).Invoke();
