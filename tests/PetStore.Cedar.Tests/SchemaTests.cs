using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Cedar.Tests;

/// <summary>
/// The schema is the author's entity types composed with one action per verb of every policy route: the actions follow
/// from the route table and cannot be written differently; the committed JSON is that composition.
/// </summary>
public class SchemaTests(CedarFixture cedar)
{
    /// <summary>A copy of cedar/ whose human schema has <paramref name="append"/> added inside its namespace.</summary>
    private sealed class Edited : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("cedar-schema-").FullName;

        public Edited(string cedarDirectory, string append)
        {
            Directory.CreateDirectory(Path.Combine(_root, "cedar", "schema"));
            var text = File.ReadAllText(Path.Combine(cedarDirectory, PolicyStoreFiles.HumanSchemaFile));
            File.WriteAllText(Path.Combine(_root, "cedar", PolicyStoreFiles.HumanSchemaFile), text[..text.LastIndexOf('}')] + append + "\n}\n");
        }

        public string CedarDirectory => Path.Combine(_root, "cedar");

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void The_committed_JSON_schema_is_the_composed_one()
    {
        var composed = PolicyStoreFiles.ComposeSchema(cedar.CedarDirectory, cedar.Engine).Text;
        Assert.True(composed == File.ReadAllText(Path.Combine(cedar.CedarDirectory, PolicyStoreFiles.SchemaFile)),
            $"cedar/{PolicyStoreFiles.SchemaFile} is out of date: run `dotnet run --project src/PetStore.Policies -- schema` and commit the result.");
    }

    [Fact]
    public void Every_verb_of_every_route_policies_decide_is_an_action_on_its_resource_type_with_its_path_parameters()
    {
        var schema = cedar.Definition.Schema;

        // The route actions, and the action groups the schema declares (which apply to nothing).
        Assert.Equal(RouteTable.CedarActionIds.Order(), schema.Actions.Where(a => a.ResourceTypes.Count > 0).Select(a => a.Id).Order());
        Assert.All(schema.Actions.Where(a => !RouteTable.CedarActionIds.Contains(a.Id)), group => Assert.Empty(group.PrincipalTypes));
        foreach (var route in RouteTable.All.Where(r => r.IsDecidedByPolicies))
        foreach (var action in route.CedarActionIds.Select(id => schema.Actions.Single(a => a.Id == id)))
        {
            Assert.Equal([CedarAction.UserType], action.PrincipalTypes);
            Assert.Equal([route.ResourceType], action.ResourceTypes);
            Assert.Equal(route.PathParameters.Order(), action.PathParameters.Keys.Order());
            Assert.All(action.PathParameters.Values, type => Assert.Equal("String", type));
        }
    }

    [Fact]
    public void A_route_actions_appliesTo_written_by_hand_is_refused_at_its_line()
    {
        using var edited = new Edited(cedar.CedarDirectory, """

              action "post /pets" appliesTo { principal: [User], resource: [Application] };
            """);

        var error = Assert.Throws<CedarPolicyException>(() => PolicyStoreFiles.ComposeSchema(edited.CedarDirectory, cedar.Engine));

        var problem = Assert.Single(error.Problems);
        Assert.Equal($"cedar/{PolicyStoreFiles.HumanSchemaFile}", problem.File);
        Assert.Contains("action \"post /pets\"", File.ReadAllLines(Path.Combine(edited.CedarDirectory, PolicyStoreFiles.HumanSchemaFile))[problem.Line - 1]);
        Assert.Contains("follows from its route", problem.Message);
    }

    [Fact]
    public void An_action_no_policy_route_has_is_refused_at_its_line()
    {
        using var edited = new Edited(cedar.CedarDirectory, """

              action "get /reports" appliesTo { principal: [User], resource: [Application] };
            """);

        var error = Assert.Throws<CedarPolicyException>(() => PolicyStoreFiles.ComposeSchema(edited.CedarDirectory, cedar.Engine));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("action \"get /reports\"", File.ReadAllLines(Path.Combine(edited.CedarDirectory, PolicyStoreFiles.HumanSchemaFile))[problem.Line - 1]);
        Assert.Contains("no route with policy access has it", problem.Message);
    }

    [Fact]
    public void An_author_may_group_route_actions_and_a_policy_on_the_group_decides_them()
    {
        var admin = RouteTable.All.Single(r => r.Backend == Backend.Admin && r.Access == Access.Policy);
        var reads = admin.CedarActionIds.Where(id => id.StartsWith("get ", StringComparison.Ordinal)).ToList();
        using var edited = new Edited(cedar.CedarDirectory, $$"""

              action "read";
              action {{string.Join(", ", reads.Select(id => $"\"{id}\""))}} in ["read"];
            """);

        var composed = JsonNode.Parse(PolicyStoreFiles.ComposeSchema(edited.CedarDirectory, cedar.Engine).Text)!;
        var definition = PolicyStoreFiles.Load(new SourceFile($"cedar/{PolicyStoreFiles.SchemaFile}", composed.ToJsonString()),
            [new SourceFile("cedar/policies/read.cedar", """@id("readers") permit (principal, action in PetStore::Action::"read", resource);""")], cedar.Engine);

        foreach (var id in reads)
        {
            Assert.True(definition.Schema.IsIn(id, "read"));
            Assert.NotNull(composed["PetStore"]!["actions"]![id]!["appliesTo"]);
        }
        Assert.False(definition.Schema.IsIn(admin.CedarActionIds.Single(id => id.StartsWith("post ", StringComparison.Ordinal)), "read"));
    }
}
