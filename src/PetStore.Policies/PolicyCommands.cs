using PetStore.Cedar;
using PetStore.NodeTools;

namespace PetStore.Policies;

/// <summary>What the policy authors' command does; exit codes 0 done, 1 out of date or invalid, 2 could not run.</summary>
public static class PolicyCommands
{
    public static int Schema(DirectoryInfo? cedar, bool check, TextWriter output, TextWriter error)
    {
        try
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
        }
        catch (CedarPolicyException e)
        {
            foreach (var problem in e.Problems) error.WriteLine(problem);
            return 1;
        }
        catch (MissingPrerequisiteException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>`replay`: exit 0 with what would change listed (nothing is a change in itself), 1 bad input, 2 could not run.</summary>
    public static int Replay(FileInfo log, DirectoryInfo? cedar, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            if (!log.Exists)
            {
                error.WriteLine($"--log: no file at '{log.FullName}'.");
                return 1;
            }
            var tools = NodeTools.NodeTools.Locate();
            using var engine = CedarEngine.Start(tools);
            var candidate = PolicyStoreFiles.Load(cedar?.FullName ?? Path.Combine(tools.RepositoryRoot, "cedar"), engine);
            Policies.Replay.Write(Policies.Replay.Run(log.FullName, candidate, engine), output, json);
            return 0;
        }
        catch (CedarPolicyException e)
        {
            foreach (var problem in e.Problems) error.WriteLine(problem);
            return 1;
        }
        catch (InvalidDataException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        catch (MissingPrerequisiteException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }
}
