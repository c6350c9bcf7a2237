using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;

namespace PetStore.Policies;

/// <summary>
/// Turns a request as the API sees it (<see cref="DecisionRequest"/>) into the IsAuthorized request Verified
/// Permissions would receive, with the authorizer's mapping code on a policy route and the handlers' parsers and
/// entity mapping on a resource route. The decision cases and the plan build every request here.
/// </summary>
public static class DecisionRequests
{
    /// <summary>The stores of the decision cases, as cdk.json's environments configure them.</summary>
    public static readonly IReadOnlyList<Store> CaseStores = [new("downtown", "Downtown"), new("uptown", "Uptown")];

    /// <summary>The IsAuthorized request body.</summary>
    /// <exception cref="ArgumentException">The API would refuse the request (a path parameter or body the handler refuses).</exception>
    public static JsonObject Build(DecisionRequest request, IReadOnlyList<Store>? stores = null)
    {
        stores ??= CaseStores;
        var route = RouteTable.All.SingleOrDefault(r => r.CedarActionIds.Contains(request.Action))
            ?? throw new ArgumentException($"'{request.Action}' is no action of a route Cedar decides.");
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
        if (!parameters.IsValid) throw new ArgumentException($"the API refuses the path parameters: {parameters.Problem}");
        var avp = route.Access == Access.Resource
            ? AuthorizationRequests.Build("local", CallerPrincipal.From(identity), route, method, parameters, ResourceOf(route, request, identity.PrincipalId, stores))
            : AuthorizationRequests.Build("local", identity, route, method, parameters);
        return JsonNode.Parse(JsonSerializer.Serialize(avp, AvpJson.Default.IsAuthorizedRequest))!.AsObject();
    }

    /// <summary>What a resource route's handler decides on, built by its own code from the request's resource and body.</summary>
    private static DecisionResource ResourceOf(Route route, DecisionRequest request, string caller, IReadOnlyList<Store> stores)
    {
        var body = new ProxyRequest { HttpMethod = route.Method, Resource = route.Path, Body = request.Body?.ToJsonString() };
        T Valid<T>(Validated<T> read) => read.IsValid ? read.Value! : throw new ArgumentException($"the handler refuses the body: {read.Error}");
        Pet Stored(string id) => request.Resource?.Pet is { } pet
            ? new Pet(id, pet.Type, pet.Price, pet.Store, pet.Status)
            : throw new ArgumentException($"a request of {route} needs resource.pet");
        Order Placed() => request.Resource?.Order is { } order
            ? new Order(request.PathParameters.GetValueOrDefault("orderId", order.Id ?? "0190b1e2-7c1d-7a7e-9f00-0000000000a1"), order.Pet,
                order.Store, order.Owner == "me" ? caller : $"{caller[..caller.IndexOf('|')]}|{order.Owner}", order.Status, "2026-12-01T00:00:00.000Z")
            : throw new ArgumentException($"a request of {route} needs resource.order");
        return route.Operation switch
        {
            RouteTable.Operations.CreatePet => PetEntities.NewPetIn(Valid(PetRequests.ParseNewPet(body, stores)), stores),
            RouteTable.Operations.UpdatePet => PetEntities.Change(Stored(request.PathParameters.GetValueOrDefault("petId", "pet-1")), Valid(PetRequests.ParsePetChange(body)), stores),
            RouteTable.Operations.PlaceOrder => OrderEntities.Placing(Stored(Valid(OrderRequests.ParseNewOrder(body))), stores),
            RouteTable.Operations.ListOrders or RouteTable.Operations.GetOrder or RouteTable.Operations.CancelOrder => OrderEntities.Order(Placed(), stores),
            _ => throw new NotSupportedException($"{route}: teach DecisionRequests what its handler decides on."),
        };
    }
}
