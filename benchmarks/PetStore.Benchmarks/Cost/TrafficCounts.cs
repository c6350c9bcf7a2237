using PetStore.Contract;

namespace PetStore.Benchmarks.Cost;

/// <summary>What one design of the request path does over the simulated days.</summary>
/// <param name="RequestsByRoute">Requests per route of the route table (the API's own requests, sign-in and welcome included).</param>
/// <param name="TokensIssued">Tokens Cognito issued: one per sign-in and one per refresh (each runs the token trigger).</param>
public sealed record TrafficCounts(
    string Design,
    long Sessions,
    long TokensIssued,
    IReadOnlyDictionary<Route, long> RequestsByRoute,
    long AuthorizerInvocations,
    long AvpCalls,
    long HandlerAvpCalls = 0)
{
    /// <summary>The requests to routes the authorizer decides alone (signed-in and policy routes).</summary>
    public long AuthorizerDecidedRequests => RequestsByRoute.Where(r => r.Key.Access is Access.SignedIn or Access.Policy).Sum(r => r.Value);

    public long Requests => RequestsByRoute.Values.Sum();

    public long ProtectedRequests => RequestsByRoute.Where(r => r.Key.Access != Access.Public).Sum(r => r.Value);

    public double AvpCallsPer1000 => 1000.0 * AvpCalls / Requests;

    public long RequestsTo(Backend backend) => RequestsByRoute.Where(r => r.Key.Backend == backend).Sum(r => r.Value);

    public long RequestsFor(string operation) => RequestsByRoute.Where(r => r.Key.Operation == operation).Sum(r => r.Value);
}
