using PetStore.Cedar;
using PetStore.Configuration;
using PetStore.NodeTools;
using PetStore.Policies.Planning;

namespace PetStore.Policies;

/// <summary>What the policy authors' command does; exit codes 0 done, 1 out of date or invalid, 2 could not run.</summary>
public static class PolicyCommands
{
    public static int Schema(DirectoryInfo? cedar, bool check, TextWriter output, TextWriter error)
    {
        return Guarded(error, () =>
        {
            var tools = NodeTools.NodeTools.Locate();
            var directory = cedar?.FullName ?? Path.Combine(tools.RepositoryRoot, "cedar");
            using var engine = CedarEngine.Start(tools);
            var target = $"cedar/{PolicyStoreFiles.SchemaFile}";
            if (check)
            {
                var current = Path.Combine(directory, PolicyStoreFiles.SchemaFile);
                var fresh = File.Exists(current) && File.ReadAllText(current) == PolicyStoreFiles.ComposeSchema(directory, engine).Text;
                (fresh ? output : error).WriteLine(fresh ? $"{target} is up to date."
                    : $"{target} is out of date: run `dotnet run --project src/PetStore.Policies -- schema` and commit the result.");
                return fresh ? 0 : 1;
            }
            output.WriteLine(PolicyStoreFiles.WriteSchema(directory, engine) ? $"wrote {target}" : $"{target} was already up to date");
            return 0;
        });
    }

    /// <summary>`replay`: exit 0 with what would change listed (nothing is a change in itself), 1 bad input, 2 could not run.</summary>
    public static int Replay(FileInfo log, DirectoryInfo? cedar, bool json, TextWriter output, TextWriter error)
    {
        return Guarded(error, () =>
        {
            if (!log.Exists) throw new InvalidDataException($"--log: no file at '{log.FullName}'.");
            var tools = NodeTools.NodeTools.Locate();
            using var engine = CedarEngine.Start(tools);
            var candidate = PolicyStoreFiles.Load(cedar?.FullName ?? Path.Combine(tools.RepositoryRoot, "cedar"), engine);
            Policies.Replay.Write(Policies.Replay.Run(log.FullName, candidate, engine), output, json);
            return 0;
        });
    }

    /// <summary>
    /// `plan`: exit 0 with the plan printed, 1 with --fail-on-change when a decision, cache plan or list plan changes,
    /// 2 when it could not be made (bad input, or the engine missing), so CI tells a change from a failure.
    /// </summary>
    public static int Plan(string? baseGiven, DirectoryInfo? cedar, bool json, bool failOnChange, TextWriter output, TextWriter error)
    {
        return Guarded(error, badInput: 2, () =>
        {
            var tools = NodeTools.NodeTools.Locate();
            var head = cedar is null ? Path.Combine(tools.RepositoryRoot, "cedar") : PlanBase.CedarFolder(cedar.FullName, "--cedar");
            using var planBase = PlanBase.Resolve(baseGiven, tools.RepositoryRoot);
            using var engine = CedarEngine.Start(tools);
            var deployment = PlanDeployment.FromCdkJson(Path.Combine(tools.RepositoryRoot, "cdk.json"));
            PolicyStoreDefinition before;
            try
            {
                before = PolicyStoreFiles.Load(planBase.Directory, engine);
            }
            catch (CedarPolicyException e)
            {
                throw new CedarPolicyException([new CedarProblem(planBase.Name, 1, 1, "the base's policies are not valid with today's route table and schema rules:"), .. e.Problems]);
            }
            var after = PolicyStoreFiles.Load(head, engine);
            var plan = PolicyPlan.Run(before, after, engine, deployment, planBase.Name, cedar is null ? "cedar/ (working tree)" : cedar.FullName);
            PlanReport.Write(plan, output, json);
            return failOnChange && plan.HasChanges ? 1 : 0;
        });
    }

    /// <summary>`format`: rewrites every policy as `cedar format` writes it; with --check only lists them (exit 1 if any).</summary>
    public static int Format(DirectoryInfo? cedar, bool check, TextWriter output, TextWriter error)
    {
        return Guarded(error, () =>
        {
            var tools = NodeTools.NodeTools.Locate();
            var directory = cedar?.FullName ?? Path.Combine(tools.RepositoryRoot, "cedar");
            using var engine = CedarEngine.Start(tools);
            var definition = PolicyStoreFiles.Load(directory, engine);
            var root = Path.GetDirectoryName(Path.GetFullPath(directory))!;
            var unformatted = definition.Policies.Where(p => !CedarFormat.IsFormatted(p, engine)).ToList();
            foreach (var file in unformatted.GroupBy(p => p.File))
            {
                output.WriteLine($"{file.Key}: {string.Join(", ", file.Select(p => p.Id))}{(check ? "" : " rewritten")}");
                if (check) continue;
                var path = Path.Combine(root, file.Key);
                var text = File.ReadAllText(path);
                var cursor = 0;
                foreach (var policy in file.OrderBy(p => p.Line))
                {
                    var at = text.IndexOf(policy.Text, cursor, StringComparison.Ordinal);
                    var formatted = CedarFormat.Formatted(policy.Text, engine)!;
                    text = string.Concat(text.AsSpan(0, at), formatted, text.AsSpan(at + policy.Text.TrimEnd().Length));
                    cursor = at + formatted.Length;
                }
                File.WriteAllText(path, text);
            }
            if (unformatted.Count == 0) output.WriteLine("Every policy is written as `cedar format` writes it.");
            return check && unformatted.Count > 0 ? 1 : 0;
        });
    }

    /// <summary>`test`: runs the decision cases with the real engine; exit 0 when all pass, 1 when one fails.</summary>
    public static int Test(DirectoryInfo? cedar, TextWriter output, TextWriter error)
    {
        return Guarded(error, () =>
        {
            var tools = NodeTools.NodeTools.Locate();
            var directory = cedar?.FullName ?? Path.Combine(tools.RepositoryRoot, "cedar");
            using var engine = CedarEngine.Start(tools);
            using var decisions = new CedarDecisions(engine, PolicyStoreFiles.Load(directory, engine));
            var (cases, problems) = DecisionCaseRunner.Run(directory, decisions);
            foreach (var problem in problems) error.WriteLine(problem);
            output.WriteLine(problems.Count == 0 ? $"{cases} decision cases: every one decided as it says, every action and policy covered."
                : $"{cases} decision cases: {problems.Count} problems.");
            return problems.Count == 0 ? 0 : 1;
        });
    }

    /// <summary>Runs a command, turning what authors and machines get wrong into messages and exit codes.</summary>
    private static int Guarded(TextWriter error, Func<int> command) => Guarded(error, badInput: 1, command);

    private static int Guarded(TextWriter error, int badInput, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (CedarPolicyException e)
        {
            foreach (var problem in e.Problems) error.WriteLine(problem);
            return badInput;
        }
        catch (Exception e) when (e is InvalidDataException or ConfigurationException or System.Text.Json.JsonException)
        {
            error.WriteLine(e.Message);
            return badInput;
        }
        catch (MissingPrerequisiteException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }
}
