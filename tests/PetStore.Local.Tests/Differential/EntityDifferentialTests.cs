using PetStore.Cedar;
using PetStore.Contract;

namespace PetStore.Local.Tests.Differential;

/// <summary>A Cedar engine and the entity world, for the entity differential tests.</summary>
public sealed class EntityDifferentialFixture : IDisposable
{
    public EntityDifferentialFixture()
    {
        Engine = CedarEngine.Start(NodeTools.NodeTools.Locate(LocalProcess.RepositoryRoot));
        BaseSeed = DifferentialHarness.Setting(DifferentialHarness.SeedVariable, 20261207);
        Sets = DifferentialHarness.Setting(DifferentialHarness.SetsVariable, 200);
        Requests = DifferentialHarness.Setting(DifferentialHarness.RequestsVariable, 30);
        Harness = new EntityHarness(Engine, new EntityWorld(20261207));
    }

    internal CedarEngine Engine { get; }
    internal EntityHarness Harness { get; }
    public int BaseSeed { get; }
    public int Sets { get; }
    public int Requests { get; }

    public void Dispose() => Engine.Dispose();
}

/// <summary>
/// Differential tests of the resource routes: random policies that read the principal's groups and stores, the
/// resource's attributes, its owner, the body and path parameters; random pets, orders and people; every answer of
/// the whole path (gateway cache, authorizer, handler, list plan and paging) and the state each write leaves, compared
/// with Cedar deciding each request alone. CI runs 200 sets of 30 requests; ten times that:
/// <c>PETSTORE_DIFF_SETS=2000 dotnet test tests/PetStore.Local.Tests --filter EntityDifferential</c>.
/// </summary>
public class EntityDifferentialTests(EntityDifferentialFixture fixture) : IClassFixture<EntityDifferentialFixture>
{
    [Fact]
    public async Task Every_answer_on_stores_pets_and_orders_is_what_Cedar_decides_and_every_list_shows_exactly_what_it_allows()
    {
        var failures = new List<EntitySetResult>();
        int ownerIndexSets = 0, allowed = 0, steps = 0;
        for (var i = 0; i < fixture.Sets; i++)
        {
            var result = await fixture.Harness.RunAsync(fixture.BaseSeed + i, fixture.Requests);
            if (result.Divergences.Count > 0) failures.Add(result);
            if (!ListPlan.Parse(result.Plan).Scans([Groups.Customers])) ownerIndexSets++;
            allowed += result.Steps.Count(s => s.Expected.StartsWith('2') && !s.Expected.StartsWith("200 []"));
            steps += result.Steps.Count;
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {fixture.Sets} policy sets diverged from Cedar.{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(2).Select(f => f.Report()))}");
        // The runs exercised both places a list looks, and both answers (a replay of a few seeds need not).
        if (fixture.Sets < DifferentialHarness.PlantedBugSets) return;
        Assert.InRange(ownerIndexSets, 1, fixture.Sets - 1);
        Assert.InRange(allowed, steps / 10, steps - steps / 10);
    }

    [Fact]
    public async Task The_harness_catches_a_list_plan_that_looks_only_at_the_owners_orders()
    {
        var caught = false;
        for (var i = 0; i < Math.Max(fixture.Sets, DifferentialHarness.PlantedBugSets) && !caught; i++)
            caught = (await fixture.Harness.RunAsync(fixture.BaseSeed + i, fixture.Requests, _ => new ListPlan(false, []))).Divergences
                .Any(d => d.Request.Contains("GET /orders?"));

        Assert.True(caught, "an owner-index-only list plan went unnoticed");
    }
}
