using PetStore.Contract;
using PetStore.Aws;

namespace PetStore.Tenants.Tests;

/// <summary>
/// Onboarding and offboarding against dynalite, cognito-local and local mode's API Gateway key and plan stand-in: every
/// command does its whole job, a rerun changes nothing, and a failed step leaves nothing half made.
/// </summary>
public class TenantOnboardingTests(Emulators emulators)
{
    [Fact]
    public async Task Adding_a_Cognito_tenant_makes_its_client_key_plan_membership_and_registry_row()
    {
        using var world = await TenantWorld.CreateAsync(emulators);

        var row = await world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null));

        Assert.Equal([TenantRegistry.ClientName("acme")], await world.ClientNamesAsync());
        Assert.Equal(await world.Clients.FindClientAsync(world.PoolId, TenantRegistry.ClientName("acme")), row.ExternalId);
        Assert.Equal([TenantRegistry.ApiKeyName("dev", "acme")], world.TenantKeyNames());
        Assert.Equal("gold", world.TierOf(row.ApiKeyValue));
        var stored = Assert.Single(await world.Store.ListAsync());
        Assert.Equal(row, stored);
        Assert.Equal($"Users|{row.ExternalId}", stored.IdentityKey);
        Assert.True(stored.CreatedClient);
        Assert.True(row.ApiKeyValue.Length >= 20);
        // When it takes effect, from the configured caches (not the registry cache alone).
        Assert.Contains($"admitted within {TenantWorld.Config.Authorization.NewTenantAdmittedWithinSeconds} s", world.Output.ToString());
    }

    [Fact]
    public async Task Adding_twice_changes_nothing()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        var first = await world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null));
        var calls = world.Handler.Calls.Count;

        var second = await world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null));

        Assert.Equal(first, second);
        Assert.Single(await world.ClientNamesAsync());
        Assert.Single(world.TenantKeyNames());
        Assert.DoesNotContain(world.Handler.Calls.Skip(calls), c => c.StartsWith("POST", StringComparison.Ordinal));
        Assert.Contains("already onboarded", world.Output.ToString());
    }

    [Fact]
    public async Task An_OIDC_tenant_is_registered_by_the_id_its_tokens_carry_and_makes_no_client()
    {
        using var world = await TenantWorld.CreateAsync(emulators);

        var row = await world.Onboarding.AddAsync("globex", "bronze", new TenantSource("Partners", "org_globex"));

        Assert.Equal("Partners|org_globex", row.IdentityKey);
        Assert.False(row.CreatedClient);
        Assert.Empty(await world.ClientNamesAsync());
        Assert.Equal("bronze", world.TierOf(row.ApiKeyValue));
    }

    [Theory]
    [InlineData("AddPlanKey")]
    [InlineData("Insert")]
    [InlineData("CreateKey")]
    public async Task A_failed_step_undoes_what_the_run_made_and_a_rerun_succeeds(string failing)
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        if (failing == "Insert") world.Store.FailOn = "Insert"; else world.ApiKeys.FailOn = failing;

        await Assert.ThrowsAnyAsync<Exception>(() => world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null)));

        Assert.Empty(await world.ClientNamesAsync());
        Assert.Empty(world.TenantKeyNames());
        Assert.All(world.StandIn.Plans, p => Assert.DoesNotContain(world.StandIn.Handle("GET", $"/usageplans/{p.Id}/keys", [], null).Body!["item"]!.AsArray(),
            k => k!["name"]!.GetValue<string>().Contains("acme")));
        world.Store.FailOn = null;
        Assert.Empty(await world.Store.ListAsync());
        Assert.Contains("undone", world.Output.ToString());

        (world.Store.FailOn, world.ApiKeys.FailOn) = (null, null);
        var row = await world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null));
        Assert.Equal("gold", world.TierOf(row.ApiKeyValue));
    }

    [Fact]
    public async Task An_interrupted_run_is_resumed_by_the_next_without_making_anything_twice()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        // Interrupted (Ctrl-C cancels the caller's token) just before the registry row: the operator's own cancellation
        // does not undo, so the client, key and plan membership remain.
        using var interrupt = new CancellationTokenSource();
        world.Store.FailOn = "Insert";
        world.Store.Failure = new OperationCanceledException(interrupt.Token);
        world.Store.OnFailure = interrupt.Cancel;
        await Assert.ThrowsAsync<OperationCanceledException>(() => world.Onboarding.AddAsync("acme", "silver", new TenantSource("Users", null), interrupt.Token));
        Assert.Single(await world.ClientNamesAsync());
        Assert.Single(world.TenantKeyNames());
        Assert.Contains("Interrupted: what this run changed is kept", world.Output.ToString());

        world.Store.FailOn = null;
        var row = await world.Onboarding.AddAsync("acme", "silver", new TenantSource("Users", null));

        Assert.Single(await world.ClientNamesAsync());
        Assert.Single(world.TenantKeyNames());
        Assert.Equal("silver", world.TierOf(row.ApiKeyValue));
        Assert.Contains("reusing it", world.Output.ToString());
    }

    [Fact]
    public async Task A_timed_out_AWS_call_is_a_failure_like_any_other_and_undoes_what_the_run_made()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        // What HttpClient throws when its Timeout (20 s in TenantTargets) elapses: the caller did not cancel anything.
        world.ApiKeys.Failure = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 20 seconds elapsing.");
        world.ApiKeys.FailOn = "AddPlanKey";

        await Assert.ThrowsAsync<TaskCanceledException>(() => world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null)));

        Assert.Empty(world.TenantKeyNames());
        Assert.Empty(await world.ClientNamesAsync());
        Assert.Contains("What this run changed is undone", world.Output.ToString());
    }

    [Fact]
    public async Task What_could_not_be_undone_is_named_and_not_reported_as_undone()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        world.Store.FailOn = "Insert";
        // The key cannot be deleted either (the same outage): the run says so instead of claiming it undid everything.
        world.ApiKeys.FailOn = "DeleteKey";

        await Assert.ThrowsAnyAsync<Exception>(() => world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null)));

        var output = world.Output.ToString();
        Assert.Contains("undone: delete app client", output);
        Assert.Contains("could not undo (delete API key", output);
        Assert.Contains("Not undone: delete API key", output);
        Assert.DoesNotContain("What this run changed is undone", output);
        Assert.Single(world.TenantKeyNames());
    }

    [Fact]
    public async Task A_tenants_Cognito_client_allows_no_user_sign_in_flow()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        await world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null));

        // As cognito-local stored what the CLI asked for. Left out, Cognito would allow SRP and custom sign-in.
        var client = await world.DescribeClientAsync(TenantRegistry.ClientName("acme"));
        Assert.Equal(["ALLOW_REFRESH_TOKEN_AUTH"], client["ExplicitAuthFlows"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(["client_credentials"], client["AllowedOAuthFlows"]!.AsArray().Select(f => f!.GetValue<string>()));
        // Nor may it give a user it signs up a store: it writes what the people client writes, email only.
        Assert.Equal(["email"], client["WriteAttributes"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Tenants_of_a_tier_removed_from_cdk_json_can_still_be_moved_to_another_tier()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        var row = await world.Onboarding.AddAsync("acme", "silver", new TenantSource("Users", null));
        // An operator retires (or renames) silver in cdk.json; the tenants in it must be movable to gold.
        var retired = TenantWorld.Config with
        {
            UsagePlans = TenantWorld.Config.UsagePlans with { Tiers = TenantWorld.Config.UsagePlans.Tiers.Where(t => t.Key != "silver").ToDictionary() },
        };

        await world.OnboardingWith(retired).MoveTierAsync("acme", "gold");

        Assert.Equal("gold", Assert.Single(await world.Store.ListAsync()).Tier);
        Assert.Equal("gold", world.TierOf(row.ApiKeyValue));
    }

    [Fact]
    public async Task Moving_a_tier_moves_the_key_and_a_failure_puts_it_back()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        var row = await world.Onboarding.AddAsync("acme", "bronze", new TenantSource("Users", null));

        world.Store.FailOn = "Update";
        await Assert.ThrowsAnyAsync<Exception>(() => world.Onboarding.MoveTierAsync("acme", "gold"));
        world.Store.FailOn = null;
        Assert.Equal("bronze", world.TierOf(row.ApiKeyValue));
        Assert.Equal("bronze", Assert.Single(await world.Store.ListAsync()).Tier);

        await world.Onboarding.MoveTierAsync("acme", "gold");
        Assert.Equal("gold", world.TierOf(row.ApiKeyValue));
        Assert.Equal("gold", Assert.Single(await world.Store.ListAsync()).Tier);
        await world.Onboarding.MoveTierAsync("acme", "gold");
        Assert.Contains("already in tier gold", world.Output.ToString());
    }

    [Fact]
    public async Task Suspending_marks_the_row_and_disables_the_key_and_resuming_undoes_both()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        var row = await world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null));

        await world.Onboarding.SetStatusAsync("acme", TenantStatus.Suspended);
        Assert.Equal(TenantStatus.Suspended, Assert.Single(await world.Store.ListAsync()).Status);
        Assert.Null(world.TierOf(row.ApiKeyValue));

        // A key that cannot be re-enabled leaves the row as it was.
        world.ApiKeys.FailOn = "SetEnabled";
        await Assert.ThrowsAnyAsync<Exception>(() => world.Onboarding.SetStatusAsync("acme", TenantStatus.Active));
        Assert.Equal(TenantStatus.Suspended, Assert.Single(await world.Store.ListAsync()).Status);

        world.ApiKeys.FailOn = null;
        await world.Onboarding.SetStatusAsync("acme", TenantStatus.Active);
        Assert.Equal(TenantStatus.Active, Assert.Single(await world.Store.ListAsync()).Status);
        Assert.Equal("gold", world.TierOf(row.ApiKeyValue));
    }

    [Fact]
    public async Task Removing_deletes_row_key_and_client_and_a_rerun_finishes_an_interrupted_removal()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        await world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null));

        world.ApiKeys.FailOn = "DeleteKey";
        await Assert.ThrowsAnyAsync<Exception>(() => world.Onboarding.RemoveAsync("acme"));
        // The row went first: the tenant is no longer trusted, whatever is left.
        Assert.Empty(await world.Store.ListAsync());

        world.ApiKeys.FailOn = null;
        await world.Onboarding.RemoveAsync("acme");
        Assert.Empty(world.TenantKeyNames());
        Assert.Empty(await world.ClientNamesAsync());

        await world.Onboarding.RemoveAsync("acme");
        Assert.Contains("not registered", world.Output.ToString());
    }

    public static TheoryData<string, string, string?, string> Mistakes => new()
    {
        { "gold", "Nowhere", null, "neither a user pool nor an OIDC provider" },
        { "platinum", "Users", null, "'platinum' is not a tenant tier" },
        { "interactive", "Users", null, "'interactive' is not a tenant tier" },
        { "gold", "Partners", null, "give the tenant id its tokens carry in org_id with --tenant-id" },
        { "gold", "Users", "abc", "the CLI makes the tenant's app client" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_is_refused_with_what_to_do_and_makes_nothing(string tier, string issuer, string? tenantId, string expected)
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        var refused = await Assert.ThrowsAsync<TenantsException>(() => world.Onboarding.AddAsync("acme", tier, new TenantSource(issuer, tenantId)));
        Assert.Contains(expected, refused.Message);
        Assert.Empty(world.TenantKeyNames());
        Assert.Empty(await world.ClientNamesAsync());
    }

    [Fact]
    public async Task One_identity_belongs_to_one_tenant()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        await world.Onboarding.AddAsync("globex", "bronze", new TenantSource("Partners", "org_shared"));
        var refused = await Assert.ThrowsAsync<TenantsException>(() => world.Onboarding.AddAsync("initech", "gold", new TenantSource("Partners", "org_shared")));
        Assert.Contains("already belongs to tenant 'globex'", refused.Message);
        Assert.Single(world.TenantKeyNames());
    }

    [Fact]
    public async Task An_API_Gateway_error_reaches_the_operator_by_its_type()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        await world.Onboarding.AddAsync("globex", "bronze", new TenantSource("Partners", "org_globex"));
        var key = (await world.Store.ListAsync())[0].ApiKeyId;
        var conflict = await Assert.ThrowsAsync<AwsServiceException>(() => world.ApiKeys.AddPlanKeyAsync("plan-gold", key));
        Assert.Equal("ConflictException", conflict.ErrorType);
    }
}
