namespace PetStore.Configuration;

/// <summary>Where the repository's inputs live, found from its root (the folder holding PetStoreInfra.sln).</summary>
public sealed record RepositoryLayout(string Root)
{
    public const string SolutionFile = "PetStoreInfra.sln";

    /// <summary>Overrides where the repository is (for running a build from elsewhere, and for tests).</summary>
    public const string RootVariable = "PETSTORE_REPOSITORY_ROOT";

    public string LambdasDirectory => Path.Combine(Root, "lambdas");
    public string CedarDirectory => Path.Combine(Root, "cedar");
    public string CdkJson => Path.Combine(Root, "cdk.json");

    /// <summary>Files outside <c>lambdas/</c> that change how the functions build.</summary>
    public IEnumerable<string> BuildSettingsFiles =>
        new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }
            .Select(f => Path.Combine(Root, f))
            .Where(File.Exists);

    /// <summary>
    /// The repository: <see cref="RootVariable"/> if set, else the first folder holding <see cref="SolutionFile"/> above
    /// <paramref name="start"/> (default: this program's folder), else above the current directory.
    /// </summary>
    public static RepositoryLayout Find(string? start = null) =>
        TryFind(start) ?? throw new ConfigurationException(
            $"No {SolutionFile} found above {start ?? AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}: " +
            $"run from inside the repository, or set {RootVariable}.");

    /// <summary>As <see cref="Find"/>, or null when there is no repository to find.</summary>
    public static RepositoryLayout? TryFind(string? start = null)
    {
        var root = (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } given ? Above(given) : null)
            ?? Above(start ?? AppContext.BaseDirectory) ?? Above(Directory.GetCurrentDirectory());
        return root is null ? null : new RepositoryLayout(root);
    }

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        return null;
    }
}
