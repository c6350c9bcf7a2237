using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Cedar.Tests;

public class SchemaTests(CedarFixture cedar)
{
    [Fact]
    public void The_JSON_schema_is_generated_from_the_human_readable_one()
    {
        var text = File.ReadAllText(Path.Combine(cedar.CedarDirectory, "schema", "petstore.cedarschema"));
        var generated = cedar.Engine.Call("schemaToResolvedJson", new JsonObject { ["text"] = text });
        var checkedIn = JsonNode.Parse(File.ReadAllText(Path.Combine(cedar.CedarDirectory, "schema", "petstore.cedarschema.json")));

        Assert.Equal("success", generated["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(generated["json"], checkedIn),
            "cedar/schema/petstore.cedarschema.json is out of date: run `npm run cedar:schema` and commit the result.");
    }

    [Fact]
    public void The_schema_actions_are_exactly_the_policy_routes()
    {
        Assert.Empty(RouteSchemaCheck.Differences(cedar.Definition.Schema, RouteTable.All));
        Assert.Equal(RouteTable.CedarActionIds.Order(), cedar.Definition.Schema.Actions.Select(a => a.Id).Order());
    }

    [Fact]
    public void A_route_without_its_action_is_reported()
    {
        var unlisted = new Route("PATCH", "/not-in-the-route-table/{id}", Access.Policy, Backend.Pets, "Unlisted");
        Assert.DoesNotContain(cedar.Definition.Schema.Actions, a => unlisted.CedarActionIds.Contains(a.Id));

        var differences = RouteSchemaCheck.Differences(cedar.Definition.Schema, RouteTable.All.Append(unlisted));

        Assert.Contains($"route {unlisted} needs action \"{unlisted.CedarActionIds[0]}\", which the schema does not declare", differences);
    }

    [Fact]
    public void An_action_without_its_route_is_reported()
    {
        var admin = RouteTable.All.Single(r => r.Path == "/admin/{proxy+}");
        var differences = RouteSchemaCheck.Differences(cedar.Definition.Schema, RouteTable.All.Where(r => r != admin));
        Assert.Equal(
            admin.CedarActionIds.Select(id => $"the schema declares action \"{id}\", but no route with policy access has it").Order(),
            differences.Order());
    }

    [Fact]
    public void A_route_that_stops_being_a_policy_route_is_reported()
    {
        var routes = RouteTable.All.Select(r => r.Path == "/pets" && r.Method == "POST" ? r with { Access = Access.SignedIn } : r);
        Assert.Contains("the schema declares action \"post /pets\", but no route with policy access has it",
            RouteSchemaCheck.Differences(cedar.Definition.Schema, routes));
    }

    [Fact]
    public void Path_parameters_in_the_context_must_match_the_route()
    {
        var routes = RouteTable.All.Select(r => r.Path == "/admin/{proxy+}" ? r with { Path = "/admin/{section}/{proxy+}" } : r).ToList();
        var differences = RouteSchemaCheck.Differences(cedar.Definition.Schema, routes);
        Assert.Contains(differences, d => d.Contains("needs action \"get /admin/{section}/{proxy+}\""));
    }

    [Fact]
    public void Wrong_principal_or_resource_types_are_reported()
    {
        var json = cedar.Definition.Schema.Json.DeepClone().AsObject();
        json["PetStore"]!["actions"]!["post /pets"]!["appliesTo"]!["principalTypes"] = new JsonArray("PetStore::UserGroup");
        using var dir = new TempCedar(json.ToJsonString(), ("p.cedar", "@id(\"x\")\npermit(principal, action, resource);"));
        var schema = dir.Load(cedar.Engine).Schema;
        Assert.Contains("action \"post /pets\" must apply to principal [PetStore::User], not [PetStore::UserGroup]",
            RouteSchemaCheck.Differences(schema, RouteTable.All));
    }
}
