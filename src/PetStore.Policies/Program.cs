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

var baseOption = new Option<string?>("--base") { Description = "What to compare with: a git commit, branch or tag, or a folder (a cedar/ folder or one holding it). Default: the merge base of HEAD and main." };
var failOnChange = new Option<bool>("--fail-on-change") { Description = "Exit 1 when a decision, an authorizer cache plan or a list plan changes (for CI)." };
var plan = new Command("plan",
    "Decides every request class the policies can tell apart with the base's policies and with --cedar's (default cedar/), and lists the decisions, " +
    "cache plans and list plans that change, dead and shadowed policies, and policies not written as `cedar format` writes them.")
{
    baseOption, cedar, json, failOnChange,
};
plan.SetAction(result => PolicyCommands.Plan(result.GetValue(baseOption), result.GetValue(cedar), result.GetValue(json), result.GetValue(failOnChange), Console.Out, Console.Error));

var format = new Command("format", "Rewrites each policy of --cedar (default cedar/) as `cedar format` writes it; comments and blank lines between policies stay.")
{
    cedar, check,
};
format.SetAction(result => PolicyCommands.Format(result.GetValue(cedar), result.GetValue(check), Console.Out, Console.Error));

var test = new Command("test", "Runs the decision cases of --cedar (default cedar/) with the real Cedar engine, and checks that every action and policy is covered.")
{
    cedar,
};
test.SetAction(result => PolicyCommands.Test(result.GetValue(cedar), Console.Out, Console.Error));

return new RootCommand("Tools for the policy authors' files in cedar/.") { schema, replay, plan, format, test }.Parse(args).Invoke();
