using PetStore.Contract;
using static PetStore.Contract.RequestInputKind;

namespace PetStore.Lambdas.Tests.Contract;

/// <summary>The one rule that turns what a route's policies read into how API Gateway may cache the authorizer's answer.</summary>
public class DecisionCacheRuleTests
{
    private static readonly Route WithoutParameters = new("POST", "/reports", Access.Policy, Backend.Admin, "X");
    private static readonly Route NewPet = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.CreatePet);
    private static readonly Route PetChange = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.UpdatePet);
    private static readonly Route Admin = RouteTable.All.Single(r => r.ToString() == "ANY /admin/{proxy+}");

    [Fact]
    public void Policies_that_read_only_the_token_and_the_action_are_cached_per_token_verb_and_route_for_the_whole_route()
    {
        var plan = DecisionCacheRule.Plan([new(Principal), new(Principal, "username"), new(RequestInputKind.Action), new(Resource)], 120);

        Assert.Equal(["method.request.header.Authorization", "context.httpMethod", "context.resourcePath"], plan.IdentitySources);
        Assert.Equal(120, plan.TtlSeconds);
        Assert.Equal(PolicyScope.Route, plan.Scope);
        Assert.Equal(plan, DecisionCacheRule.Plan([], 120));
    }

    [Fact]
    public void A_policy_that_reads_a_path_parameter_turns_the_cache_off_and_answers_for_the_request_only()
    {
        // API Gateway does not accept path parameters as a REST authorizer's identity sources, so no key can pin them.
        var plan = DecisionCacheRule.Plan([new(Principal), new(PathParameter, "proxy")], 120);

        Assert.False(plan.Cached);
        Assert.Equal(0, plan.TtlSeconds);
        Assert.Equal(PolicyScope.Request, plan.Scope);
        Assert.Equal([DecisionCacheRule.TokenSource], plan.IdentitySources);
    }

    [Fact]
    public void A_configured_TTL_of_zero_means_no_cache_whatever_the_policies_read() =>
        Assert.Equal(DecisionCacheRule.Plan([new(PathParameter, "proxy")], 120), DecisionCacheRule.Plan([], 0));

    public static TheoryData<string, string, string?> Reads => new()
    {
        { "principal", "", "principal" },
        { "principal", "username", "principal.username" },
        { "principal", "provider", "principal.provider" },
        { "principal", "kind", "principal.kind" },
        { "action", "", "action" },
        { "resource", "", "resource" },
        { "context", "pathParameters.proxy", "context.pathParameters.proxy" },
        { "context", "pathParameters", "context.pathParameters.proxy" },
        { "context", "", "context.pathParameters.proxy" },
        // Not in the request the authorizer builds: synth refuses these.
        { "principal", "email", null },
        { "principal", "<tag>", null },
        { "resource", "owner", null },
        { "resource", "owner.username", null },
        { "context", "sourceIp", null },
        { "context", "pathParameters.petId", null },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void Each_read_is_classified_by_what_the_authorizer_puts_in_the_request(string variable, string path, string? expected)
    {
        var inputs = DecisionCacheRule.Classify(variable, path.Length == 0 ? [] : path.Split('.'), Admin);
        Assert.Equal(expected, inputs is null ? null : string.Join(",", inputs));
    }

    [Fact]
    public void The_whole_context_of_a_route_without_parameters_is_the_same_for_every_request() =>
        Assert.Empty(DecisionCacheRule.Classify("context", [], WithoutParameters)!);

    public static TheoryData<string, string, string?> ResourceReads => new()
    {
        { "resource", "", "resource" },
        { "resource", "status", "resource.status" },
        { "resource", "store", "resource.store" },
        { "resource", "store.name", "resource.store.name" },
        // The store is sent with its attributes; nothing it refers to would be.
        { "resource", "store.name.x", null },
        { "resource", "owner", "resource.owner" },
        { "resource", "<tag>", null },
        { "resource", "store.<tag>", null },
        { "resource", "owner.username", null },
        { "context", "body", "context.body" },
        { "context", "body.price", "context.body.price" },
        { "context", "body.colour", null },
        { "context", "", "context.pathParameters.petId,context.body" },
        { "principal", "stores", "principal.stores" },
    };

    [Theory]
    [MemberData(nameof(ResourceReads))]
    public void On_a_resource_route_the_resource_its_store_and_the_body_are_read_from_what_the_handler_sends(string variable, string path, string? expected)
    {
        var inputs = DecisionCacheRule.Classify(variable, path.Length == 0 ? [] : path.Split('.'), PetChange);
        Assert.Equal(expected, inputs is null ? null : string.Join(",", inputs));
    }

    [Theory]
    [InlineData("resource", "status")]
    [InlineData("context", "body")]
    public void On_a_policy_route_nothing_of_the_resource_or_a_body_is_sent(string variable, string path) =>
        Assert.Null(DecisionCacheRule.Classify(variable, path.Split('.'), Admin));

    [Fact]
    public void A_store_is_sent_with_its_name_and_nothing_else()
    {
        Assert.Equal("resource.name", string.Join(",", DecisionCacheRule.Classify("resource", ["name"], NewPet)!));
        Assert.Null(DecisionCacheRule.Classify("resource", ["name", "x"], NewPet));
    }

    private static readonly IReadOnlyList<Route> PolicyRoutes = [.. RouteTable.All.Where(r => r.Access == Access.Policy)];

    private static string ScopesJson(IEnumerable<(Route Route, string Scope)> entries) =>
        System.Text.Json.JsonSerializer.Serialize(entries.ToDictionary(e => e.Route.ToString(), e => e.Scope));

    [Fact]
    public void Policy_scopes_round_trip_through_the_authorizer_variable()
    {
        // Every policy route, cached route-wide or (with a path-parameter read) per request, in turn.
        var plans = PolicyRoutes.Select((r, i) => (Route: r, Plan: i % 2 == 0 || r.PathParameters.Count == 0
                ? DecisionCacheRule.Plan([], 120)
                : DecisionCacheRule.Plan([new(PathParameter, r.PathParameters[0])], 120)))
            .ToDictionary(p => p.Route, p => p.Plan);

        var json = PolicyScopes.ToJson(plans);

        Assert.Equal(plans.ToDictionary(p => p.Key.ToString(), p => p.Value.Scope.ToString()),
            System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json));
        Assert.Equal(plans.ToDictionary(p => p.Key, p => p.Value.Scope), PolicyScopes.Parse(json));
    }

    public static TheoryData<string, string> BadScopes
    {
        get
        {
            var last = PolicyRoutes[^1];
            var signedIn = RouteTable.All.First(r => r.Access == Access.SignedIn);
            var all = PolicyRoutes.Select(r => (r, "Route")).ToList();
            return new()
            {
                { ScopesJson(all.SkipLast(1)), $"must give policy route {last} a scope" },
                { ScopesJson([.. all.SkipLast(1), (last, "Everything")]), $"must give policy route {last} a scope" },
                { ScopesJson([.. all, (signedIn, "Route")]), $"not policy routes: {signedIn}" },
                { "not json", "is not a JSON object" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(BadScopes))]
    public void A_bad_policy_scopes_variable_fails_initialization_with_the_reason(string json, string reason) =>
        Assert.Contains(reason, Assert.Throws<InvalidOperationException>(() => PolicyScopes.Parse(json)).Message);
}
