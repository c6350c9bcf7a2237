namespace PetStore.Cedar.Tests;

/// <summary>A throwaway cedar/ folder for tests of what authors can get wrong; deleted on dispose.</summary>
internal sealed class TempCedar : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("cedar-test-").FullName;

    public TempCedar(string schemaJson, params (string Path, string Text)[] policies)
    {
        Directory = Path.Combine(_root, "cedar");
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "schema"));
        File.WriteAllText(Path.Combine(Directory, PolicyStoreFiles.SchemaFile), schemaJson);
        foreach (var (path, text) in policies)
        {
            var full = Path.Combine(Directory, PolicyStoreFiles.PoliciesDirectory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public string Directory { get; }

    public PolicyStoreDefinition Load(CedarEngine engine) => PolicyStoreFiles.Load(Directory, engine);

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);
}
