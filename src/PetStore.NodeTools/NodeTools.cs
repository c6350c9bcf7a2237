namespace PetStore.NodeTools;

/// <summary>The repository's Node tools: <c>node</c> on PATH and the packages <c>npm ci</c> installed.</summary>
public sealed class NodeTools
{
    private NodeTools(string repositoryRoot, string node) => (RepositoryRoot, NodeExecutable) = (repositoryRoot, node);

    public string RepositoryRoot { get; }
    public string NodeExecutable { get; }
    public string Supervisor => Path.Combine(RepositoryRoot, "tools", "node", "supervise.mjs");

    /// <summary>Finds Node and the repository (the folder with package.json and PetStoreInfra.sln) above <paramref name="start"/>.</summary>
    public static NodeTools Locate(string? start = null)
    {
        var root = FindRepositoryRoot(start ?? AppContext.BaseDirectory) ?? FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? throw new MissingPrerequisiteException(
                $"Could not find the repository (a folder with package.json and PetStoreInfra.sln) above {start ?? AppContext.BaseDirectory}.");
        var node = FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node")
            ?? throw new MissingPrerequisiteException("Node.js is not on PATH: install Node 20 or newer, then run `npm ci` in " + root + ".");
        return new NodeTools(root, node);
    }

    /// <summary>A file inside an installed npm package, or a clear instruction to install it.</summary>
    public string Package(string package, string relativePath)
    {
        var path = Path.Combine(RepositoryRoot, "node_modules", package, relativePath);
        return File.Exists(path)
            ? path
            : throw new MissingPrerequisiteException($"{package} is not installed ({path} is missing): run `npm ci` in {RepositoryRoot}.");
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "PetStoreInfra.sln")))
                return dir.FullName;
        }
        return null;
    }

    private static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);
}
