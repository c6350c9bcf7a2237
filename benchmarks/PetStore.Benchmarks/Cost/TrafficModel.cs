namespace PetStore.Benchmarks.Cost;

/// <summary>One kind of user: how many, how often and how long they use the API, and which routes (<c>"GET /pets"</c>) how often.</summary>
/// <param name="ReadableOrderShare">Of all orders, the share the policies let this role read: how far its list pages scan.</param>
/// <param name="OwnOrders">How many orders one of its people has placed: what a list of only their own reads.</param>
public sealed record Role(double Share, int SessionsPerDay, double SessionMinutes, double RequestsPerMinute, Dictionary<string, double> Mix,
    double ReadableOrderShare = 1, int OwnOrders = 0);

/// <summary>
/// Who uses the API and how (benchmarks/cost/traffic-model.json). Nothing the deployment decides is here: the token
/// lifetime, the authorizer cache and the functions come from cdk.json (<see cref="PetStore.Benchmarks.Cost.BillableResources"/>).
/// </summary>
public sealed record TrafficModel(
    string Description,
    int Seed,
    int Days,
    int DaysPerMonth,
    int DailyActiveUsers,
    int MonthlyActiveUsers,
    string MonthlyActiveUsersNote,
    Dictionary<string, Role> Roles,
    Dictionary<string, int> ResponseBytes,
    int DefaultResponseBytes,
    string DefaultResponseBytesNote,
    string ResponseBytesNote,
    int PetItemBytes,
    int OrderItemBytes,
    string ReadableOrderShareNote,
    double ColdStartShare,
    string ColdStartShareSource);

/// <summary>How long one function's invocations last (benchmarks/cost/durations.json).</summary>
/// <param name="ColdStartMs">By runtime as configured: <c>custom</c>, <c>managed</c>.</param>
public sealed record FunctionDuration(double CodeMs, double DownstreamMs, string Downstream, Dictionary<string, double> ColdStartMs);

public sealed record FunctionDurations(string Description, string Measured, Dictionary<string, string> Commands, Dictionary<string, FunctionDuration> Functions)
{
    /// <summary>
    /// A function's durations; one not measured yet (a new function) is priced as the slowest measured one, in every
    /// figure, so that it never blocks the cost check and is not priced below what it may cost.
    /// </summary>
    public FunctionDuration For(string type) => Functions.GetValueOrDefault(type) ?? new FunctionDuration(
        Functions.Values.Max(f => f.CodeMs),
        Functions.Values.Max(f => f.DownstreamMs),
        "not measured: the slowest measured function's figures",
        Functions.Values.SelectMany(f => f.ColdStartMs).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Max(c => c.Value)));
}
