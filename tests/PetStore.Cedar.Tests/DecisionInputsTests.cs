using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStore.Cedar.Tests;

/// <summary>
/// What each route's policies read of a request, found by walking the Cedar engine's JSON form of each policy; it
/// decides the authorizer's cache (<see cref="DecisionCacheRule"/>).
/// </summary>
public class DecisionInputsTests(CedarFixture cedar)
{
    private static readonly Route Pets = RouteTable.All.Single(r => r.ToString() == "DELETE /pets/{petId}");
    private static readonly Route PetChange = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.UpdatePet);
    private static readonly Route Admin = RouteTable.All.Single(r => r.ToString() == "ANY /admin/{proxy+}");
    private static readonly int Ttl = 120;

    private string Schema => cedar.Definition.Schema.Json.ToJsonString();

    private PolicyStoreDefinition Loads(string policies, string? schema = null)
    {
        using var dir = new TempCedar(schema ?? Schema, ("policies.cedar", policies));
        return dir.Load(cedar.Engine);
    }

    private CedarPolicyException Fails(string policies, string schema)
    {
        using var dir = new TempCedar(schema, ("policies.cedar", policies));
        return Assert.Throws<CedarPolicyException>(() => dir.Load(cedar.Engine));
    }

    private const string Base = """
        @id("employees-create-pets")
        permit (principal in PetStore::UserGroup::"employees", action == PetStore::Action::"post /pets", resource);

        """;

    [Fact]
    public void Policies_that_read_only_the_token_and_the_action_cache_every_policy_route_route_wide()
    {
        foreach (var (route, plan) in cedar.Pinned.Inputs.Plans(Ttl))
        {
            Assert.DoesNotContain(cedar.Pinned.Inputs.For(route), i => i.Kind == RequestInputKind.PathParameter);
            Assert.Equal(DecisionCacheRule.Plan([], Ttl), plan);
        }
        Assert.Equal(RouteTable.All.Where(r => r.Access == Access.Policy), cedar.Pinned.Inputs.Plans(Ttl).Keys);
    }

    public static TheoryData<string> PathParameterReads =>
    [
        "context.pathParameters.proxy like \"reports/*\"",
        "context.pathParameters.proxy == \"billing\"",
        "context[\"pathParameters\"][\"proxy\"] == \"billing\"",
        "context.pathParameters has proxy",
        "context has pathParameters.proxy",
        "context.pathParameters == {\"proxy\": \"billing\"}",
        "context == {\"pathParameters\": {\"proxy\": \"billing\"}}",
        "if principal.username == \"a\" then context.pathParameters.proxy like \"a*\" else false",
    ];

    [Theory]
    [MemberData(nameof(PathParameterReads))]
    public void A_condition_on_a_path_parameter_in_any_spelling_turns_that_routes_cache_off(string condition)
    {
        var definition = Loads(Base + $$"""
            // Employees may read reports.
            @id("employees-reports")
            permit (principal in PetStore::UserGroup::"employees", action == PetStore::Action::"get /admin/{proxy+}", resource)
            when { {{condition}} };
            """);

        var plans = definition.Inputs.Plans(Ttl);
        Assert.False(plans[Admin].Cached);
        Assert.Equal(PolicyScope.Request, plans[Admin].Scope);
        Assert.True(plans[Pets].Cached);
        var why = Assert.Single(definition.Inputs.Uncacheable(Admin));
        Assert.Equal(("employees-reports", "cedar/policies/policies.cedar", 4), (why.Policy.Id, why.Policy.File, why.Policy.Line));
        Assert.Equal("context.pathParameters.proxy", why.Input.ToString());
    }

    [Fact]
    public void A_forbid_with_an_unless_on_a_path_parameter_counts_too()
    {
        var definition = Loads(Base + """
            @id("no-billing")
            forbid (principal, action in [PetStore::Action::"delete /admin/{proxy+}", PetStore::Action::"put /admin/{proxy+}"], resource)
            unless { context.pathParameters.proxy like "drafts/*" };
            """);
        Assert.False(definition.Inputs.Plans(Ttl)[Admin].Cached);
        Assert.True(definition.Inputs.Plans(Ttl)[Pets].Cached);
    }

    [Fact]
    public void Conditions_on_the_user_keep_the_cache_on_because_the_token_is_in_the_key()
    {
        var definition = Loads(Base + """
            @id("alice")
            permit (principal == PetStore::User::"eu-west-1_Users|alice", action, resource)
            when { principal.username like "a*" && principal.provider == "Users" && principal in PetStore::UserGroup::"owners" }
            unless { principal.username == "mallory" };
            """);
        Assert.All(definition.Inputs.Plans(Ttl).Values, plan => Assert.True(plan.Cached));
        Assert.Contains(new RequestInput(RequestInputKind.Principal, "username"), definition.Inputs.For(Admin));
        Assert.Contains(new RequestInput(RequestInputKind.Principal, "provider"), definition.Inputs.For(Pets));
    }

    [Fact]
    public void A_policy_on_an_action_group_reads_for_every_member_of_the_group()
    {
        var schema = JsonNode.Parse(Schema)!;
        var actions = schema["PetStore"]!["actions"]!.AsObject();
        actions["admin writes"] = new JsonObject();
        foreach (var verb in new[] { "put", "delete" })
            actions[$"{verb} /admin/{{proxy+}}"]!["memberOf"] = new JsonArray(new JsonObject { ["id"] = "admin writes" });

        var definition = Loads(Base + """
            @id("drafts")
            permit (principal, action in PetStore::Action::"admin writes", resource) when { context.pathParameters.proxy like "drafts/*" };
            """, schema.ToJsonString());

        Assert.False(definition.Inputs.Plans(Ttl)[Admin].Cached);
        Assert.True(definition.Inputs.Plans(Ttl)[Pets].Cached);
    }

    [Fact]
    public void Reading_what_the_authorizer_never_sends_stops_synth_naming_the_file_and_line()
    {
        // The schema may declare more than the authorizer supplies; STRICT validation cannot tell, this can.
        var schema = JsonNode.Parse(Schema)!;
        schema["PetStore"]!["actions"]!["post /pets"]!["appliesTo"]!["context"]!["attributes"]!["sourceIp"] = new JsonObject { ["type"] = "String" };
        schema["PetStore"]!["entityTypes"]!["User"]!["shape"]!["attributes"]!["email"] = new JsonObject { ["type"] = "String" };

        var error = Fails(Base + """
            @id("office")
            permit (principal, action == PetStore::Action::"post /pets", resource)
            when { context.sourceIp == "10.0.0.1" && principal.email like "*@petstore.example" && PetStore::User::"eu-west-1_Users|alice".email == "a" };
            """, schema.ToJsonString());

        Assert.Equal(3, error.Problems.Count);
        Assert.All(error.Problems, p => Assert.Equal(("cedar/policies/policies.cedar", 3), (p.File, p.Line)));
        Assert.Contains(error.Problems, p => p.Message.Contains("policy \"office\" reads context.sourceIp, which no component puts in a request for POST /pets"));
        Assert.Contains(error.Problems, p => p.Message.Contains("reads principal.email"));
    }

    [Fact]
    public void A_resource_routes_policies_read_the_resource_its_store_and_the_body_and_nothing_of_them_is_cached()
    {
        var definition = Loads(Base + """
            @id("pending-price")
            forbid (principal, action == PetStore::Action::"patch /pets/{petId}", resource)
            when { resource.status == "pending" && context.body has price && resource.store.name like "Down*" };
            """);

        Assert.Equal(["action", "context.body.price", "resource.status", "resource.store.name"],
            definition.Inputs.ResourceRouteReads[PetChange].Select(i => i.ToString()).Order(StringComparer.Ordinal));
        // The authorizer's plans are for the routes it decides; the handler decides this one on every request.
        Assert.DoesNotContain(PetChange, definition.Inputs.Plans(Ttl).Keys);
        Assert.All(definition.Inputs.Plans(Ttl).Values, plan => Assert.True(plan.Cached));
    }

    [Fact]
    public void An_attribute_of_a_store_named_in_a_policy_is_not_sent_and_stops_synth_naming_the_line()
    {
        var error = Fails(Base + """
            @id("downtown-name")
            permit (principal, action == PetStore::Action::"patch /pets/{petId}", resource)
            when { PetStore::Store::"downtown".name == "Downtown" };
            """, Schema);

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("cedar/policies/policies.cedar", 3), (problem.File, problem.Line));
        Assert.Contains("policy \"downtown-name\" reads entity.name, which no component puts in a request for PATCH /pets/{petId}", problem.Message);
    }

    [Fact]
    public void Asking_whether_a_referenced_entity_is_in_a_group_or_store_stops_synth_since_its_ancestors_are_not_sent()
    {
        var error = Fails(Base + """
            @id("no-owners-orders")
            forbid (principal, action in PetStore::Action::"read orders", resource)
            when { resource.owner in PetStore::UserGroup::"owners" && principal != resource.owner };

            @id("downtown-pets-orders")
            permit (principal, action == PetStore::Action::"get /orders/{orderId}", resource)
            when { resource.pet in PetStore::Store::"downtown" };
            """, Schema);

        Assert.Equal(["downtown-pets-orders", "no-owners-orders"], error.Problems.Select(p => p.Message.Split('"')[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains("reads resource.owner.<ancestors>"));
        // The resource's own store, and the store's, are sent with their parents.
        Assert.NotNull(Loads(Base + """
            @id("downtown-orders")
            permit (principal, action in PetStore::Action::"read orders", resource)
            when { resource in PetStore::Store::"downtown" && resource.store in PetStore::Store::"downtown" };
            """));
    }

    [Fact]
    public void A_policy_on_a_route_no_policy_decides_is_told_the_routes_access_and_how_to_change_it()
    {
        var error = Fails(Base + """
            @id("no-browsing")
            forbid (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"get /pets", resource);
            """, Schema);

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("cedar/policies/policies.cedar", 4), (problem.File, problem.Line));
        Assert.Contains("GET /pets is a signed-in route: the token alone decides it, and no policy sees its requests", problem.Message);
        Assert.Contains("Access.Policy", problem.Message);
        Assert.DoesNotContain("did you mean", problem.Message);
    }
}
