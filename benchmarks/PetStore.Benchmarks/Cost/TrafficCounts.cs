using PetStore.Contract;

namespace PetStore.Benchmarks.Cost;

/// <summary>One route's share of the simulated days: its requests, and what they made Verified Permissions and DynamoDB do.</summary>
/// <param name="AuthorizerAvpCalls">IsAuthorized calls the authorizer made for it (cache misses on routes it asks for).</param>
/// <param name="HandlerAvpCalls">IsAuthorized calls its function made (a resource route's decisions).</param>
/// <param name="AvpBatchCalls">BatchIsAuthorized calls its function made (a list's decisions).</param>
public sealed record RouteTotals(long Requests, long AuthorizerAvpCalls, double HandlerAvpCalls, double AvpBatchCalls, double ReadUnits, double WriteUnits)
{
    public static readonly RouteTotals Zero = new(0, 0, 0, 0, 0, 0);

    public RouteTotals Add(bool authorizerAsked, RouteUsage usage, bool handlerAsks) => new(Requests + 1,
        AuthorizerAvpCalls + (authorizerAsked ? 1 : 0),
        HandlerAvpCalls + (handlerAsks ? usage.AvpCalls : 0),
        AvpBatchCalls + (handlerAsks ? usage.AvpBatchCalls : 0),
        ReadUnits + usage.ReadUnits, WriteUnits + usage.WriteUnits);

    /// <summary>Every Verified Permissions call, single or batch.</summary>
    public double AvpCalls => AuthorizerAvpCalls + HandlerAvpCalls + AvpBatchCalls;
}

/// <summary>What one design of the request path does over the simulated days.</summary>
/// <param name="ByRoute">Per route of the route table (the API's own requests, sign-in and welcome included).</param>
/// <param name="TokensIssued">Tokens Cognito issued: one per sign-in and one per refresh (each runs the token trigger).</param>
public sealed record TrafficCounts(
    string Design,
    long Sessions,
    long TokensIssued,
    IReadOnlyDictionary<Route, RouteTotals> ByRoute,
    long AuthorizerInvocations)
{
    public IReadOnlyDictionary<Route, long> RequestsByRoute => ByRoute.ToDictionary(r => r.Key, r => r.Value.Requests);

    /// <summary>Every Verified Permissions call: the authorizer's and the functions' own, single and batch.</summary>
    public long AvpCalls => (long)Math.Round(ByRoute.Values.Sum(r => r.AvpCalls));

    /// <summary>The calls the functions of resource routes make themselves.</summary>
    public long HandlerAvpCalls => (long)Math.Round(ByRoute.Values.Sum(r => r.HandlerAvpCalls + r.AvpBatchCalls));

    public double AvpSingleCalls => ByRoute.Values.Sum(r => r.AuthorizerAvpCalls + r.HandlerAvpCalls);

    public double AvpBatchCalls => ByRoute.Values.Sum(r => r.AvpBatchCalls);

    public double ReadUnits => ByRoute.Values.Sum(r => r.ReadUnits);

    public double WriteUnits => ByRoute.Values.Sum(r => r.WriteUnits);

    /// <summary>The requests to routes the authorizer decides alone (signed-in and policy routes).</summary>
    public long AuthorizerDecidedRequests => ByRoute.Where(r => r.Key.Access is Access.SignedIn or Access.Policy).Sum(r => r.Value.Requests);

    public long Requests => ByRoute.Values.Sum(r => r.Requests);

    public long ProtectedRequests => ByRoute.Where(r => r.Key.Access != Access.Public).Sum(r => r.Value.Requests);

    public double AvpCallsPer1000 => 1000.0 * AvpCalls / Requests;

    public long RequestsTo(Backend backend) => ByRoute.Where(r => r.Key.Backend == backend).Sum(r => r.Value.Requests);

    public long RequestsFor(string operation) => ByRoute.Where(r => r.Key.Operation == operation).Sum(r => r.Value.Requests);
}
