using PetStore.Cedar;
using PetStore.Contract;
using PetStore.Testing;
using Route = PetStore.Contract.Route;

namespace PetStore.Local.Tests.Differential;

/// <summary>A Cedar engine and a generated world for the differential tests.</summary>
public sealed class DifferentialFixture : IDisposable
{
    public DifferentialFixture()
    {
        Engine = CedarEngine.Start(NodeTools.NodeTools.Locate(LocalProcess.RepositoryRoot));
        BaseSeed = DifferentialHarness.Setting(DifferentialHarness.SeedVariable, 20261201);
        Sets = DifferentialHarness.Setting(DifferentialHarness.SetsVariable, 200);
        Requests = DifferentialHarness.Setting(DifferentialHarness.RequestsVariable, 30);
        // The world is the same for every base seed, so a set's seed alone reproduces it.
        Harness = new DifferentialHarness(Engine, new World(WorldSeed));
    }

    private const int WorldSeed = 20261201;

    internal CedarEngine Engine { get; }
    internal DifferentialHarness Harness { get; }
    public int BaseSeed { get; }
    public int Sets { get; }
    public int Requests { get; }

    public void Dispose() => Engine.Dispose();
}

/// <summary>
/// Differential tests: random policy sets and request sequences (parameters spelled in many ways) through the gateway's
/// cache, the real authorizer and the real handlers, each answer compared with Cedar deciding that request alone on the
/// values the spellings mean, and the handler acting on exactly those or refusing. Seeded and reproducible; a failure prints the seed,
/// the policies and the sequence. CI runs 200 sets of 30 requests; ten times that:
/// <c>PETSTORE_DIFF_SETS=2000 dotnet test tests/PetStore.Local.Tests --filter Differential</c>.
/// </summary>
public class DifferentialTests(DifferentialFixture fixture) : IClassFixture<DifferentialFixture>
{
    [Fact]
    public async Task Every_answer_through_the_gateway_the_authorizer_and_the_handler_is_what_Cedar_decides_on_the_meant_values()
    {
        var failures = new List<SetResult>();
        int uncachedSets = 0, authorizerCalls = 0, requests = 0;
        for (var i = 0; i < fixture.Sets; i++)
        {
            var result = await fixture.Harness.RunAsync(fixture.BaseSeed + i, fixture.Requests, DifferentialHarness.ProductPlans);
            if (result.Divergences.Count > 0) failures.Add(result);
            if (result.UncachedRoutes > 0) uncachedSets++;
            authorizerCalls += result.AuthorizerCalls;
            requests += result.Requests.Count;
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {fixture.Sets} policy sets diverged from Cedar.{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(3).Select(f => f.Report()))}");
        // The runs covered both kinds of route plan and really used the cache (a replay of a few seeds need not).
        if (fixture.Sets < DifferentialHarness.PlantedBugSets) return;
        Assert.InRange(uncachedSets, 1, fixture.Sets - 1);
        Assert.InRange(authorizerCalls, 1, requests - 1);
    }

    /// <summary>The old behaviour: every policy route cached per token, verb and route, whatever the policies read.</summary>
    private static IReadOnlyDictionary<Route, DecisionCachePlan> PlansBeforeTheFix(PolicyStoreDefinition definition) =>
        definition.Inputs.Plans(120).ToDictionary(p => p.Key, _ => DecisionCacheRule.Plan([], 120));

    [Fact]
    public async Task The_harness_catches_the_original_bug()
    {
        var caught = new List<SetResult>();
        for (var i = 0; i < Math.Max(fixture.Sets, DifferentialHarness.PlantedBugSets) && caught.Count == 0; i++)
        {
            var result = await fixture.Harness.RunAsync(fixture.BaseSeed + i, fixture.Requests, PlansBeforeTheFix);
            if (result.Divergences.Count > 0) caught.Add(result);
        }

        var first = Assert.Single(caught);
        Assert.Contains("context.pathParameters", first.Policies);
        Assert.Contains("differs", first.Report());
    }

    /// <summary>The bug of the spellings: a handler that reads an id leniently (any case, padding) where the authorizer gave Cedar the id as sent.</summary>
    private static async Task<(int Status, string? ActedOn)> LenientHandler(Route route, string verb, IReadOnlyDictionary<string, string> delivered)
    {
        var raw = Uri.UnescapeDataString(delivered.Values.Single());
        return route.Parameters.Single().Kind == PathParameterKind.Id
            ? Guid.TryParse(raw, out var id) ? (204, id.ToString("D")) : (400, null)
            : await HandlerProbe.ActedOnAsync(route, verb, delivered);
    }

    [Fact]
    public async Task The_harness_catches_a_handler_that_reads_a_parameter_differently()
    {
        var caught = new List<SetResult>();
        for (var i = 0; i < Math.Max(fixture.Sets, DifferentialHarness.PlantedBugSets) && caught.Count == 0; i++)
        {
            var result = await fixture.Harness.RunAsync(fixture.BaseSeed + i, fixture.Requests, DifferentialHarness.ProductPlans, LenientHandler);
            if (result.Divergences.Count > 0) caught.Add(result);
        }

        var first = Assert.Single(caught);
        Assert.Contains(first.Divergences, d => d.Request.Route.Parameters.Any(p => p.Kind == PathParameterKind.Id) && !d.Request.Readable);
    }
}
