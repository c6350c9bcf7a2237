namespace PetStore.Cedar.Tests;

/// <summary>A copy of a cedar/ folder in a temporary folder, to plant a change in; deleted on dispose.</summary>
internal sealed class CedarCopy : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("cedar-copy-").FullName;

    public CedarCopy(string cedarDirectory)
    {
        Directory = Path.Combine(_root, "cedar");
        foreach (var file in System.IO.Directory.EnumerateFiles(cedarDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(cedarDirectory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory { get; }

    /// <summary>Adds a policy file under policies/.</summary>
    public void Add(string name, string text) => File.WriteAllText(Path.Combine(Directory, PolicyStoreFiles.PoliciesDirectory, name), text);

    /// <summary>Rewrites a file (a path under cedar/).</summary>
    public void Edit(string path, Func<string, string> change)
    {
        var full = Path.Combine(Directory, path);
        var text = File.ReadAllText(full);
        var changed = change(text);
        if (changed == text) throw new InvalidOperationException($"The edit left {path} as it was.");
        File.WriteAllText(full, changed);
    }

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);
}
