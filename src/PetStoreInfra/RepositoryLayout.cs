namespace PetStoreInfra;

/// <summary>Where the app's inputs live, found from the repository root (the folder holding PetStoreInfra.sln).</summary>
public sealed record RepositoryLayout(string Root)
{
    public const string SolutionFile = "PetStoreInfra.sln";

    public string LambdasDirectory => Path.Combine(Root, "lambdas");
    public string CedarDirectory => Path.Combine(Root, "cedar");

    /// <summary>Files outside <c>lambdas/</c> that change how the functions build.</summary>
    public IEnumerable<string> BuildSettingsFiles =>
        new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }
            .Select(f => Path.Combine(Root, f))
            .Where(File.Exists);

    /// <summary>Walks up from <paramref name="start"/> (default: the current directory) to the repository root.</summary>
    public static RepositoryLayout Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return new RepositoryLayout(dir.FullName);
        }
        throw new InvalidOperationException($"No {SolutionFile} found above {start ?? Directory.GetCurrentDirectory()}; run from inside the repository.");
    }
}
