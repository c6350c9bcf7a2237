using PetStore.Contract;

namespace PetStore.Cedar.Tests;

/// <summary>
/// Where <c>GET /orders</c> looks for a caller's orders (<see cref="ListPlan"/>), derived from the permits: only the
/// owner index for a caller every applicable permit restricts to its own orders. Sound means the real engine allows
/// no order outside the owner index to a caller the plan sends there; that is checked over every combination below.
/// </summary>
public class ListPlanTests(CedarFixture cedar)
{
    private static readonly Route List = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.ListOrders);

    private ListPlan PlanOf(string policies)
    {
        using var dir = new TempCedar(cedar.Definition.Schema.Json.ToJsonString(), ("policies.cedar", WithIds(policies)));
        return dir.Load(cedar.Engine).Inputs.ListPlans[List];
    }

    // Every policy needs an id; the cases are clearer without them.
    private static string WithIds(string policies) => string.Join('\n', policies.Split('\n').Select((line, i) =>
        line.TrimStart().StartsWith("permit") || line.TrimStart().StartsWith("forbid") ? $"@id(\"planted-{i}\")\n{line}" : line));

    private const string OwnOrders = """
        permit (principal in PetStore::UserGroup::"customers", action in PetStore::Action::"read orders", resource)
        when { principal == resource.owner };

        """;

    public static TheoryData<string, bool, string[]> Plans => new()
    {
        { OwnOrders, false, [] },
        // Either way round, in a conjunction, with other conditions.
        { """
          permit (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"get /orders", resource)
          when { resource.status == "placed" && resource.owner == principal };
          """, false, [] },
        { OwnOrders + """permit (principal in PetStore::UserGroup::"employees", action == PetStore::Action::"get /orders", resource);""", false, ["employees"] },
        { OwnOrders + """permit (principal is PetStore::User in PetStore::UserGroup::"owners", action, resource);""", false, ["owners"] },
        { OwnOrders + """permit (principal, action == PetStore::Action::"get /orders", resource) when { principal.stores.contains(resource.store) };""", true, [] },
        { OwnOrders + """permit (principal == PetStore::User::"Users|auditor", action in PetStore::Action::"read orders", resource);""", true, [] },
        // Not a conjunction with the owner: either side may admit another's order.
        { """
          permit (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"get /orders", resource)
          when { principal == resource.owner || resource.status == "cancelled" };
          """, false, ["customers"] },
        { """
          permit (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"get /orders", resource)
          unless { principal != resource.owner };
          """, false, ["customers"] },
        // A forbid only takes away; a permit of another action does not reach the list.
        { OwnOrders + """
          forbid (principal, action in PetStore::Action::"read orders", resource) when { resource.status == "cancelled" };
          permit (principal in PetStore::UserGroup::"employees", action == PetStore::Action::"get /orders/{orderId}", resource);
          """, false, [] },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void The_plan_scans_for_exactly_the_callers_some_permit_shows_more_than_their_own(string policies, bool everyone, string[] groups)
    {
        var plan = PlanOf(policies);

        Assert.Equal(everyone, plan.ScanForEveryone);
        Assert.Equal(groups, plan.ScanForGroups);
        Assert.Equal(plan.ToJson(), ListPlan.Parse(plan.ToJson()).ToJson());
    }

    [Fact]
    public void The_deployed_policies_show_customers_only_their_own_orders_so_their_lists_read_the_owner_index()
    {
        var plan = cedar.Definition.Inputs.OrdersListPlan;

        Assert.False(plan.Scans([Groups.Customers]));
        // Staff read other people's orders: theirs must scan.
        Assert.True(plan.Scans([Groups.Employees]) && plan.Scans([Groups.Owners]));
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Cedar_allows_no_order_outside_the_owner_index_to_a_caller_the_plan_sends_there(string policies, bool everyone, string[] groups)
    {
        _ = (everyone, groups);
        var files = Directory.EnumerateFiles(Path.Combine(cedar.CedarDirectory, "policies"), "*.cedar")
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f))).Where(f => f.Item1 != "orders.cedar").Append(("planted.cedar", WithIds(policies))).ToArray();
        using var dir = new TempCedar(cedar.Definition.Schema.Json.ToJsonString(), files);
        var definition = dir.Load(cedar.Engine);
        using var decisions = new CedarDecisions(cedar.Engine, definition);
        var plan = definition.Inputs.ListPlans[List];

        IReadOnlyList<string>[] callers = [[], [Groups.Customers], [Groups.Employees], [Groups.Owners], [Groups.Customers, Groups.Employees]];
        foreach (var callerGroups in callers.Where(g => !plan.Scans(g)))
            foreach (var owner in new[] { "me", "someone-else" })
                foreach (var store in new[] { "downtown", "uptown" })
                    foreach (var status in new[] { OrderStatus.Placed, OrderStatus.Cancelled })
                    {
                        var request = new DecisionRequest
                        {
                            Principal = new DecisionPrincipal { Groups = callerGroups, Stores = ["downtown"] },
                            Action = "get /orders",
                            Resource = new DecisionResourceSpec { Order = new DecisionOrder { Owner = owner, Store = store, Status = status } },
                        };
                        var decision = decisions.IsAuthorized(DecisionMatrixTests.Build(request))["decision"]!.GetValue<string>();
                        Assert.False(owner != "me" && decision == "ALLOW",
                            $"[{string.Join(",", callerGroups)}] is sent to the owner index, but Cedar allows an order of {owner} ({store}, {status}).");
                    }
    }
}
