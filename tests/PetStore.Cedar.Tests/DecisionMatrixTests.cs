using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;

namespace PetStore.Cedar.Tests;

/// <summary>
/// The decision tests in cedar/tests, run through the real Cedar engine with requests built by the authorizer's
/// mapping code (<see cref="AuthorizationRequests"/>), exactly as Verified Permissions would receive them.
/// </summary>
public class DecisionMatrixTests(CedarFixture cedar)
{
    private static readonly string CedarDirectory = Path.Combine(NodeTools.NodeTools.Locate().RepositoryRoot, "cedar");

    public static TheoryData<string> Cases => [.. DecisionCase.Load(CedarDirectory).Select(c => c.ToString())];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decision_matches_the_expectation(string name)
    {
        var test = DecisionCase.Load(CedarDirectory).Single(c => c.ToString() == name);

        var response = Decide(cedar, test.Request);

        Assert.Equal(test.Decision.ToUpperInvariant(), response["decision"]!.GetValue<string>());
        Assert.Equal(test.Reason.Order(), response["determiningPolicies"]!.AsArray().Select(p => p!["policyId"]!.GetValue<string>()).Order());
        Assert.Equal(test.NumErrors, response["errors"]!.AsArray().Count);
    }

    [Fact]
    public void Every_policy_action_is_tested_for_every_group_and_for_no_group()
    {
        var cases = DecisionCase.Load(CedarDirectory);
        string[][] principals = [.. Groups.All.Select(g => new[] { g }), []];
        var missing = RouteTable.CedarActionIds
            .SelectMany(action => principals.Select(groups => (action, groups)))
            .Where(need => !cases.Any(c => c.Request.Action == need.action && c.Request.Principal.Groups.SequenceEqual(need.groups)))
            .Select(need => $"{need.action} as [{string.Join(",", need.groups)}]")
            .ToList();
        Assert.True(missing.Count == 0, $"cedar/tests has no case for: {string.Join("; ", missing)}");
    }

    [Fact]
    public void Every_policy_is_the_reason_for_at_least_one_allow()
    {
        var reasons = DecisionCase.Load(CedarDirectory).SelectMany(c => c.Reason).ToHashSet();
        Assert.All(cedar.Definition.Policies, p => Assert.Contains(p.Id, reasons));
    }

    [Fact]
    public void A_request_outside_the_schema_is_refused_as_Verified_Permissions_would()
    {
        var request = Build(new DecisionRequest { Principal = new DecisionPrincipal { Groups = ["owners"] }, Action = "delete /pets/{petId}", PathParameters = new() { ["petId"] = "0190b1e2-7c1d-7a7e-9f00-000000000001" } });
        request["action"]!["actionId"] = "delete /pets";

        Assert.Throws<CedarRequestException>(() => cedar.Decisions.IsAuthorized(request));
    }

    /// <summary>Builds the IsAuthorized request with the authorizer's code, then asks Cedar.</summary>
    internal static JsonObject Decide(CedarFixture cedar, DecisionRequest request) => cedar.Decisions.IsAuthorized(Build(request));

    internal static JsonObject Build(DecisionRequest request)
    {
        var route = RouteTable.All.Single(r => r.CedarActionIds.Contains(request.Action));
        var method = request.Action.Split(' ')[0];
        var pool = TrustedIssuer.Cognito(request.Principal.Provider, $"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_{request.Principal.Provider}",
            $"eu-west-1_{request.Principal.Provider}", "client", Groups.All, acceptsTenants: true);
        var tenantId = request.Principal.Kind switch
        {
            "person" => null,
            "tenant" => "tenant-client",
            var other => throw new ArgumentException($"principal kind '{other}' is neither person nor tenant"),
        };
        var identity = new VerifiedIdentity(pool, "sub-1", request.Principal.Username, request.Principal.Groups, tenantId, request.Principal.Stores);
        var parameters = RouteParameters.Read(route, request.PathParameters);
        var avp = route.Access == Access.Resource
            ? AuthorizationRequests.Build("local", CallerPrincipal.From(identity), route, method, parameters, ResourceOf(route, request, identity.PrincipalId))
            : AuthorizationRequests.Build("local", identity, route, method, parameters);
        return JsonNode.Parse(JsonSerializer.Serialize(avp, AvpJson.Default.IsAuthorizedRequest))!.AsObject();
    }

    /// <summary>What a resource route's handler decides on, built by its own code from the case's resource and body.</summary>
    private static DecisionResource ResourceOf(Route route, DecisionRequest request, string caller)
    {
        var body = new ProxyRequest { HttpMethod = route.Method, Resource = route.Path, Body = request.Body?.ToJsonString() };
        T Valid<T>(Validated<T> read) => read.IsValid ? read.Value! : throw new ArgumentException($"the case's body is refused by the handler: {read.Error}");
        Pet Stored(string id) => request.Resource?.Pet is { } pet
            ? new Pet(id, pet.Type, pet.Price, pet.Store, pet.Status)
            : throw new ArgumentException($"a case for {route} needs resource.pet");
        Order Placed() => request.Resource?.Order is { } order
            ? new Order(request.PathParameters.GetValueOrDefault("orderId", "0190b1e2-7c1d-7a7e-9f00-0000000000a1"), "0190b1e2-7c1d-7a7e-9f00-000000000001",
                order.Store, order.Owner == "me" ? caller : $"{caller[..caller.IndexOf('|')]}|{order.Owner}", order.Status, "2026-12-01T00:00:00.000Z")
            : throw new ArgumentException($"a case for {route} needs resource.order");
        return route.Operation switch
        {
            RouteTable.Operations.CreatePet => PetEntities.NewPetIn(Valid(PetRequests.ParseNewPet(body, Stores)), Stores),
            RouteTable.Operations.UpdatePet => PetEntities.Change(Stored(request.PathParameters.GetValueOrDefault("petId", "pet-1")), Valid(PetRequests.ParsePetChange(body)), Stores),
            RouteTable.Operations.PlaceOrder => OrderEntities.Placing(Stored(Valid(OrderRequests.ParseNewOrder(body))), Stores),
            RouteTable.Operations.ListOrders or RouteTable.Operations.GetOrder or RouteTable.Operations.CancelOrder => OrderEntities.Order(Placed(), Stores),
            _ => throw new NotSupportedException($"{route}: teach the decision tests what its handler decides on."),
        };
    }

    /// <summary>The stores of the decision cases, as cdk.json's environments configure them.</summary>
    internal static readonly IReadOnlyList<Store> Stores = [new("downtown", "Downtown"), new("uptown", "Uptown")];
}
