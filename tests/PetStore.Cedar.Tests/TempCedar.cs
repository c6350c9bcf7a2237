namespace PetStore.Cedar.Tests;

/// <summary>
/// A throwaway cedar/ folder for tests of what authors can get wrong, with a schema in Cedar's JSON form as given (not
/// composed with the route table, so a test may declare any actions); deleted on dispose.
/// </summary>
internal sealed class TempCedar : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("cedar-test-").FullName;
    private readonly string _schemaJson;

    public TempCedar(string schemaJson, params (string Path, string Text)[] policies)
    {
        _schemaJson = schemaJson;
        Directory = Path.Combine(_root, "cedar");
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "schema"));
        foreach (var (path, text) in policies)
        {
            var full = Path.Combine(Directory, PolicyStoreFiles.PoliciesDirectory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public string Directory { get; }

    public PolicyStoreDefinition Load(CedarEngine engine) =>
        PolicyStoreFiles.Load(new SourceFile($"cedar/{PolicyStoreFiles.SchemaFile}", _schemaJson), PolicyStoreFiles.ReadPolicyFiles(Directory), engine);

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);
}
