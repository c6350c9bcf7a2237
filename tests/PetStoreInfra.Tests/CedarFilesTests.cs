using PetStore.Cedar;
using PetStore.Configuration;

namespace PetStoreInfra.Tests;

/// <summary>
/// Synth reads cedar/ through <see cref="CedarFiles"/>: a bad policy or a schema that declares what the routes do not
/// stops it. Planted in a copy of the pinned policies (<see cref="PetStore.Testing.TestCedar"/>).
/// </summary>
public sealed class CedarFilesTests : IDisposable
{
    private readonly RepositoryLayout _repository = RepositoryLayout.Find(AppContext.BaseDirectory);
    private readonly RepositoryLayout _copy = new(Directory.CreateTempSubdirectory("layout-").FullName);

    public CedarFilesTests() => PetStore.Testing.TestCedar.Copy(_repository.Root, _copy.Root);

    public void Dispose() => Directory.Delete(_copy.Root, recursive: true);

    private PolicyStoreDefinition Load() => CedarFiles.Load(_copy, PetStore.NodeTools.NodeTools.Locate(_repository.Root));

    [Fact]
    public void The_repository_cedar_folder_loads()
    {
        Assert.NotEmpty(Load().Policies);
    }

    [Fact]
    public void A_policy_naming_an_unknown_action_stops_synth_with_its_file_and_line()
    {
        var pets = Path.Combine(_copy.CedarDirectory, "policies", "pets.cedar");
        File.WriteAllText(pets, File.ReadAllText(pets).Replace("\"post /pets\"", "\"put /pets\""));

        var error = Assert.Throws<CedarPolicyException>(Load);

        Assert.Contains(error.Problems, p => p.File == "cedar/policies/pets.cedar" && p.Line > 1 && p.Message.Contains("unrecognized action"));
    }

    [Fact]
    public void A_policy_that_crashes_the_Cedar_engine_stops_synth_as_a_Cedar_error_naming_the_file()
    {
        var deep = new string('(', 200) + "true" + new string(')', 200);
        File.WriteAllText(Path.Combine(_copy.CedarDirectory, "policies", "deep.cedar"), $"@id(\"deep\")\npermit (principal, action, resource)\nwhen {{ {deep} }};\n");

        var error = Assert.Throws<CedarPolicyException>(Load);

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("cedar/policies/deep.cedar", 3), (problem.File, problem.Line));
        Assert.StartsWith("Cedar policies are not valid:", error.Message);
    }

    [Fact]
    public void An_action_written_in_the_schema_that_no_policy_route_has_stops_synth_at_its_line()
    {
        var schema = Path.Combine(_copy.CedarDirectory, PolicyStoreFiles.HumanSchemaFile);
        var text = File.ReadAllText(schema);
        File.WriteAllText(schema, text[..text.LastIndexOf('}')] + "  action \"delete /pets\" appliesTo { principal: [User], resource: [Application] };\n}\n");

        var error = Assert.Throws<CedarPolicyException>(Load);

        var problem = Assert.Single(error.Problems);
        Assert.Equal($"cedar/{PolicyStoreFiles.HumanSchemaFile}", problem.File);
        Assert.Contains("action \"delete /pets\"", File.ReadAllLines(schema)[problem.Line - 1]);
        Assert.Contains("no route with policy access has it", problem.Message);
    }
}
