using PetStore.Configuration;

namespace PetStore.NodeTools;

/// <summary>The repository's Node tools: <c>node</c> on PATH and the packages <c>npm ci</c> installed.</summary>
public sealed class NodeTools
{
    private NodeTools(string repositoryRoot, string node) => (RepositoryRoot, NodeExecutable) = (repositoryRoot, node);

    public string RepositoryRoot { get; }
    public string NodeExecutable { get; }
    public string Supervisor => Path.Combine(RepositoryRoot, "tools", "node", "supervise.mjs");

    /// <summary>Finds Node and the repository (<see cref="RepositoryLayout.Find"/>, from <paramref name="start"/>).</summary>
    public static NodeTools Locate(string? start = null)
    {
        var root = RepositoryLayout.TryFind(start)?.Root
            ?? throw new MissingPrerequisiteException(
                $"Could not find the repository (a folder with {RepositoryLayout.SolutionFile}) above {start ?? AppContext.BaseDirectory}.");
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

    private static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);
}
