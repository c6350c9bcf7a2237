using PetStore.Policies;

namespace PetStore.Cedar.Tests;

/// <summary>The policy authors' command: `schema --check` says whether the committed JSON schema is the composed one, and `schema` writes it.</summary>
public class PolicyCommandsTests(CedarFixture cedar)
{
    private static (int Code, string Output, string Error) Run(DirectoryInfo cedarDirectory, bool check)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = PolicyCommands.Schema(cedarDirectory, check, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Check_passes_on_the_repository_and_a_stale_file_is_named_then_rewritten()
    {
        Assert.Equal(0, Run(new DirectoryInfo(cedar.CedarDirectory), check: true).Code);

        var copy = Path.Combine(Directory.CreateTempSubdirectory("policies-command-").FullName, "cedar");
        try
        {
            Directory.CreateDirectory(Path.Combine(copy, "schema"));
            File.Copy(Path.Combine(cedar.CedarDirectory, PolicyStoreFiles.HumanSchemaFile), Path.Combine(copy, PolicyStoreFiles.HumanSchemaFile));
            File.WriteAllText(Path.Combine(copy, PolicyStoreFiles.SchemaFile), "{}");

            var stale = Run(new DirectoryInfo(copy), check: true);
            Assert.Equal(1, stale.Code);
            Assert.Contains("out of date", stale.Error);

            Assert.Equal(0, Run(new DirectoryInfo(copy), check: false).Code);
            Assert.Equal(File.ReadAllText(Path.Combine(cedar.CedarDirectory, PolicyStoreFiles.SchemaFile)), File.ReadAllText(Path.Combine(copy, PolicyStoreFiles.SchemaFile)));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }
}
