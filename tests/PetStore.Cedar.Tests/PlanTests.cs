using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Policies.Planning;

namespace PetStore.Cedar.Tests;

/// <summary>
/// The plan, over planted changes to a copy of today's cedar/: each must give exactly the expected answer, decided by
/// the real Cedar engine over every request class.
/// </summary>
public class PlanTests(CedarFixture cedar)
{
    private const string Delete = "delete /pets/{petId}";

    private static readonly PlanDeployment Deployment = PlanDeployment.FromCdkJson(Path.Combine(NodeTools.NodeTools.Locate().RepositoryRoot, "cdk.json"));

    private PlanResult PlanWith(Action<CedarCopy> change) =>
        PolicyPlan.Run(cedar.Pinned, PinnedWith(change), cedar.Engine, Deployment, "pinned", "changed");

    /// <summary>The plan from the pinned policies plus <paramref name="before"/> to them plus <paramref name="after"/>.</summary>
    private PlanResult PlanBetween(string before, string after) =>
        PolicyPlan.Run(PinnedWith(c => c.Add("planted.cedar", before)), PinnedWith(c => c.Add("planted.cedar", after)), cedar.Engine, Deployment, "before", "after");

    /// <summary>The pinned policies with a change planted in a copy, loaded as synth loads them.</summary>
    private PolicyStoreDefinition PinnedWith(Action<CedarCopy> change)
    {
        using var copy = new CedarCopy(cedar.PinnedDirectory);
        change(copy);
        return PolicyStoreFiles.Load(copy.Directory, cedar.Engine);
    }

    private static IEnumerable<string> Lines(PlanResult plan) => plan.Changes.Select(PlanReport.Line);

    private static (string Action, string Requests, string Before, string After) Row(DecisionChange change) =>
        (change.Action, PlanReport.Requests(change), change.Before.ToString(), change.After.ToString());

    [Fact]
    public void Todays_policies_against_themselves_change_nothing_and_none_is_dead_or_shadowed()
    {
        var plan = PolicyPlan.Run(cedar.Definition, cedar.Definition, cedar.Engine, Deployment, "today", "today");

        Assert.True(plan.Classes > RouteTable.CedarActionIds.Count, $"{plan.Classes} classes");
        Assert.Equal(RouteTable.CedarActionIds.Count, plan.Actions);
        Assert.Empty(plan.Changes);
        Assert.Empty(plan.SameDecisionOtherPolicies);
        Assert.Empty(plan.CachePlanChanges);
        Assert.Empty(plan.ListPlanChanges);
        Assert.Empty(plan.DeadPolicies);
        Assert.Empty(plan.ShadowedPolicies);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void A_widening_permit_lists_exactly_the_requests_it_lets_in()
    {
        var plan = PlanWith(head => head.Add("widen.cedar", """
            @id("customers-delete-pets")
            permit (
              principal in PetStore::UserGroup::"customers",
              action == PetStore::Action::"delete /pets/{petId}",
              resource
            );
            """));

        Assert.Equal([(Delete, "in customers, not in owners", "deny (no permit)", "allow (permit: customers-delete-pets)")], plan.Changes.Select(Row));
        Assert.Equal([(Delete, "in customers, in owners", "allow (permit: owners-delete-pets)", "allow (permit: customers-delete-pets, owners-delete-pets)")],
            plan.SameDecisionOtherPolicies.Select(Row));
        Assert.Empty(plan.CachePlanChanges);
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void A_narrowing_forbid_lists_exactly_the_requests_it_shuts_out()
    {
        var plan = PlanWith(head => head.Add("narrow.cedar", """
            @id("no-employee-deletes")
            forbid (
              principal in PetStore::UserGroup::"employees",
              action == PetStore::Action::"delete /pets/{petId}",
              resource
            );
            """));

        Assert.Equal([(Delete, "in employees, in owners", "allow (permit: owners-delete-pets)", "deny (forbid: no-employee-deletes)")], plan.Changes.Select(Row));
        Assert.Equal([(Delete, "in employees, not in owners", "deny (no permit)", "deny (forbid: no-employee-deletes)")], plan.SameDecisionOtherPolicies.Select(Row));
    }

    [Fact]
    public void A_whitespace_only_edit_changes_nothing()
    {
        var plan = PlanWith(head => head.Edit("policies/pets.cedar", text => text.Replace("\n  ", "\n      ").Replace("permit (", "permit(\n")));

        Assert.False(plan.HasChanges);
        Assert.Empty(plan.SameDecisionOtherPolicies);
        Assert.Equal(plan.BaseVersion, plan.HeadVersion);
        Assert.NotEmpty(plan.FormatDrift);
    }

    [Fact]
    public void A_renamed_policy_changes_no_decision_only_who_decides()
    {
        var plan = PlanWith(head => head.Edit("policies/pets.cedar", text => text.Replace("\"owners-delete-pets\"", "\"owners-remove-pets\"")));

        Assert.Empty(plan.Changes);
        Assert.False(plan.HasChanges);
        Assert.Equal([(Delete, "in owners", "allow (permit: owners-delete-pets)", "allow (permit: owners-remove-pets)")], plan.SameDecisionOtherPolicies.Select(Row));
        Assert.NotEqual(plan.BaseVersion, plan.HeadVersion);
    }

    [Fact]
    public void A_condition_on_a_path_parameter_changes_the_cache_plan_and_lets_in_exactly_the_matching_paths()
    {
        var plan = PlanWith(head => head.Add("employees-reports.cedar", File.ReadAllText(Path.Combine(cedar.CedarDirectory, "examples", "employees-reports.cedar"))));

        var change = Assert.Single(plan.CachePlanChanges);
        Assert.Equal("ANY /admin/{proxy+}", change.Route);
        Assert.StartsWith("authorizer answers cached", change.Before);
        Assert.StartsWith("authorizer answers not cached (employees-reports", change.After);
        Assert.Equal([("get /admin/{proxy+}", "in employees, not in owners, proxy reports/x", "deny (no permit)", "allow (permit: employees-reports)")],
            plan.Changes.Select(Row));
    }

    [Fact]
    public void A_policy_no_request_can_meet_is_dead()
    {
        var plan = PlanWith(head => head.Add("dead.cedar", """
            @id("robots-delete-pets")
            permit (principal, action == PetStore::Action::"delete /pets/{petId}", resource)
            when { principal.kind == "robot" };
            """));

        Assert.Equal(["robots-delete-pets"], plan.DeadPolicies.Select(p => p.Id));
        Assert.Equal("permit", plan.DeadPolicies[0].Effect);
        Assert.Empty(plan.Changes);
        Assert.Empty(plan.ShadowedPolicies);
    }

    [Fact]
    public void A_permit_a_forbid_always_overrides_is_shadowed()
    {
        var plan = PlanWith(head => head.Add("shadow.cedar", """
            @id("customers-delete-pets")
            permit (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"delete /pets/{petId}", resource);

            @id("no-customer-deletes")
            forbid (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"delete /pets/{petId}", resource);
            """));

        var shadowed = Assert.Single(plan.ShadowedPolicies);
        Assert.Equal("customers-delete-pets", shadowed.Policy.Id);
        Assert.Equal(["no-customer-deletes"], shadowed.DeniedBy);
        Assert.Equal([(Delete, "in customers, in owners", "allow (permit: owners-delete-pets)", "deny (forbid: no-customer-deletes)")], plan.Changes.Select(Row));
        Assert.Empty(plan.DeadPolicies);
    }

    [Fact]
    public void A_permit_showing_customers_more_than_their_orders_changes_the_list_plan()
    {
        var plan = PlanWith(head => head.Add("cancelled.cedar", """
            @id("customers-see-cancelled")
            permit (principal in PetStore::UserGroup::"customers", action in PetStore::Action::"read orders", resource)
            when { resource.status == "cancelled" };
            """));

        var change = Assert.Single(plan.ListPlanChanges);
        Assert.Equal("GET /orders", change.Route);
        Assert.Contains("customers", change.After);
        Assert.Contains(plan.Changes, c => c.Action == "get /orders" && c.Requests["order status"].SequenceEqual(["cancelled"]) && c.Requests["order placed by"].SequenceEqual(["someone else"]));
    }

    [Fact]
    public void The_command_writes_json_and_fails_on_change_only_when_asked()
    {
        using var head = new CedarCopy(cedar.PinnedDirectory);
        head.Add("widen.cedar", """
            @id("customers-delete-pets")
            permit (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"delete /pets/{petId}", resource);
            """);
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(1, PolicyCommands.Plan(cedar.PinnedDirectory, new DirectoryInfo(head.Directory), json: true, failOnChange: true, output, error));
        var plan = JsonNode.Parse(output.ToString())!.AsObject();
        foreach (var key in new[] { "changes", "cachePlanChanges", "deadPolicies", "shadowedPolicies" }) Assert.IsType<JsonArray>(plan[key]);
        Assert.Equal("allow", plan["changes"]![0]!["after"]!["decision"]!.GetValue<string>());
        Assert.Equal(0, PolicyCommands.Plan(cedar.PinnedDirectory, new DirectoryInfo(head.Directory), json: false, failOnChange: false, new StringWriter(), error));
        Assert.Equal(0, PolicyCommands.Plan(cedar.PinnedDirectory, new DirectoryInfo(cedar.PinnedDirectory), json: false, failOnChange: true, new StringWriter(), error));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void A_base_that_is_no_folder_and_no_commit_is_refused_by_name()
    {
        var error = new StringWriter();

        Assert.Equal(2, PolicyCommands.Plan("no-such-ref-or-folder", null, json: false, failOnChange: false, new StringWriter(), error));
        Assert.Contains("'no-such-ref-or-folder' is neither a folder nor a commit", error.ToString());
    }

    [Fact]
    public void Format_rewrites_a_policy_as_cedar_format_writes_it_and_keeps_the_comments()
    {
        using var head = new CedarCopy(cedar.PinnedDirectory);
        head.Edit("policies/pets.cedar", text => text.Replace("  resource\n)\nwhen {", "  resource) when {"));
        var output = new StringWriter();

        Assert.Equal(1, PolicyCommands.Format(new DirectoryInfo(head.Directory), check: true, output, new StringWriter()));
        Assert.Equal(0, PolicyCommands.Format(new DirectoryInfo(head.Directory), check: false, output, new StringWriter()));

        Assert.Equal(File.ReadAllText(Path.Combine(cedar.PinnedDirectory, "policies", "pets.cedar")), File.ReadAllText(Path.Combine(head.Directory, "policies", "pets.cedar")));
    }

    [Fact]
    public void A_value_other_than_every_literal_is_tried_even_when_a_literal_is_the_usual_stand_in()
    {
        var plan = PlanBetween(
            """@id("f") forbid (principal, action == PetStore::Action::"post /pets", resource) when { context.body.type == "dog" };""",
            """@id("f") forbid (principal, action == PetStore::Action::"post /pets", resource) when { context.body.type != "cat" };""");

        // A fish was allowed and is now denied: some type neither dog nor cat must show.
        Assert.NotEmpty(plan.Changes);
        Assert.All(plan.Changes, c => Assert.DoesNotContain(c.Requests["body type"], t => t is "dog" or "cat"));
        Assert.Empty(plan.ShadowedPolicies);
    }

    [Fact]
    public void Like_patterns_are_tried_with_a_value_matching_none_and_one_matching_both()
    {
        var plan = PlanWith(head => head.Add("like.cedar", """
            @id("not-d") forbid (principal, action == PetStore::Action::"patch /pets/{petId}", resource) when { !(resource.type like "d*") };
            @id("az") permit (principal, action == PetStore::Action::"get /admin/{proxy+}", resource) when { principal.username like "a*" && principal.username like "*z" };
            @id("ids") forbid (principal, action == PetStore::Action::"delete /pets/{petId}", resource) when { !(context.pathParameters.petId like "0190*") };
            """));

        Assert.Contains(plan.Changes, c => c.After.Policies.Contains("not-d") && !c.Requests["pet type"].Any(t => t.StartsWith('d')));
        Assert.Contains(plan.Changes, c => c.After.Policies.Contains("az") && c.Requests["username"].SequenceEqual(["az"]));
        Assert.Contains(plan.Changes, c => c.After.Policies.Contains("ids") && !c.Requests["petId"].Single().StartsWith("0190", StringComparison.Ordinal));
        Assert.Empty(plan.DeadPolicies);
    }

    [Fact]
    public void A_list_decides_each_order_so_a_policy_on_one_order_id_changes_lists_too()
    {
        var plan = PlanWith(head => head.Add("one-order.cedar", """
            @id("hidden") forbid (principal, action in PetStore::Action::"read orders", resource)
            when { resource == PetStore::Order::"0190b1e2-7c1d-7a7e-9f00-0000000000ff" };
            """));

        Assert.Contains(plan.Changes, c => c.Action == "get /orders" && c.Requests["order"].SequenceEqual(["0190b1e2-7c1d-7a7e-9f00-0000000000ff"]));
        Assert.Contains(plan.Changes, c => c.Action == "get /orders/{orderId}");
    }

    [Fact]
    public void Record_literals_provider_names_and_literals_with_the_plans_own_separators_are_read_as_written()
    {
        var plan = PlanWith(head => head.Add("odd.cedar", """
            @id("record") permit (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"get /admin/{proxy+}", resource)
            when { context.pathParameters == {"proxy": "reports"} };
            @id("unconfigured") permit (principal, action == PetStore::Action::"get /admin/{proxy+}", resource) when { principal.provider == "Partners" };
            @id("odd-types") forbid (principal in PetStore::UserGroup::"owners", action == PetStore::Action::"post /pets", resource)
            when { context.body.type == "*" || context.body.type == "a,b" };
            """));

        Assert.Contains(plan.Changes, c => c.After.Policies.Contains("record") && c.Requests["proxy"].SequenceEqual(["reports"]));
        // No environment configures Partners: no request of it is planned, so the permit decides nothing.
        Assert.Equal(["unconfigured"], plan.DeadPolicies.Select(p => p.Id));
        Assert.All(plan.Changes.Where(c => c.After.Policies.Contains("odd-types")), c => Assert.Equal(["*", "a,b"], c.Requests["body type"].Order(StringComparer.Ordinal)));
        Assert.Contains(plan.Changes, c => c.After.Policies.Contains("odd-types"));
    }

    [Fact]
    public void A_base_whose_schema_refuses_todays_requests_is_not_reported_as_changes()
    {
        using var oldBase = new CedarCopy(cedar.PinnedDirectory);
        oldBase.Edit("schema/petstore.cedarschema", text => text.Replace("    kind: String,\n", ""));

        var plan = PolicyPlan.Run(PolicyStoreFiles.Load(oldBase.Directory, cedar.Engine), cedar.Pinned, cedar.Engine, Deployment, "old", "pinned");

        Assert.Empty(plan.Changes);
        Assert.True(plan.BaseRefused > 0);
        Assert.Contains("kind", plan.BaseRefusal);
    }
}
