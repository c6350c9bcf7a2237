namespace PetStore.Cedar.Tests;

/// <summary>
/// The policy-set version logged with every decision: the same for the same decisions' inputs (comments, layout and
/// file names aside), different when anything a decision could see changes.
/// </summary>
public class PolicyVersionTests(CedarFixture cedar)
{
    private string VersionOf(params (string File, string Text)[] files)
    {
        using var dir = new TempCedar(cedar.Definition.Schema.Json.ToJsonString(), files);
        return dir.Load(cedar.Engine).Version;
    }

    private const string Policy = """
        // Owners may delete pets.
        @id("owners-delete")
        permit (principal in PetStore::UserGroup::"owners", action == PetStore::Action::"delete /pets/{petId}", resource);
        """;

    [Fact]
    public void Comments_layout_and_file_names_leave_the_version_alone()
    {
        var version = VersionOf(("pets.cedar", Policy));

        Assert.Matches("^[0-9a-f]{12}$", version);
        Assert.Equal(version, VersionOf(("other.cedar", Policy.Replace("// Owners may delete pets.", "// Reworded."))));
        Assert.Equal(version, VersionOf(("pets.cedar", "\n\n" + Policy)));
        Assert.Equal(version, VersionOf(("pets.cedar", Policy.Replace(", action", ",\n  action").Replace("(principal", "(\n  principal"))));
    }

    [Fact]
    public void A_change_a_decision_could_see_changes_the_version()
    {
        var version = VersionOf(("pets.cedar", Policy));

        Assert.NotEqual(version, VersionOf(("pets.cedar", Policy.Replace("owners\"", "employees\""))));
        Assert.NotEqual(version, VersionOf(("pets.cedar", Policy.Replace("owners-delete", "owners-may-delete"))));
        Assert.NotEqual(version, VersionOf(("pets.cedar", Policy.Replace("permit", "forbid"))));
    }
}
