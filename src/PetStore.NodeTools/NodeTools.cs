namespace PetStore.NodeTools;

/// <summary>The repository's Node tools: <c>node</c> on PATH and the packages <c>npm ci</c> installed.</summary>
public sealed class NodeTools
{
    private NodeTools(string repositoryRoot, string node) => (RepositoryRoot, NodeExecutable) = (repositoryRoot, node);

    public string RepositoryRoot { get; }
    public string NodeExecutable { get; }
    public string Supervisor => Path.Combine(RepositoryRoot, "tools", "node", "supervise.mjs");

    /// <summary>Overrides where the repository is (for running a build from elsewhere, and for tests).</summary>
    public const string RootVariable = "PETSTORE_REPOSITORY_ROOT";

    /// <summary>
    /// Finds Node and the repository (the folder with package.json and PetStoreInfra.sln): <see cref="RootVariable"/>
    /// if set, else above <paramref name="start"/> (default: this program's folder), else above the current directory.
    /// </summary>
    public static NodeTools Locate(string? start = null)
    {
        var root = (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } given ? FindRepositoryRoot(given) : null)
            ?? FindRepositoryRoot(start ?? AppContext.BaseDirectory) ?? FindRepositoryRoot(Directory.GetCurrentDirectory())
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
