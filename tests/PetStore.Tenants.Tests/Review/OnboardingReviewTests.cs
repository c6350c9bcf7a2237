using System.Text.Json;
using PetStore.Contract;

namespace PetStore.Tenants.Tests.Review;

/// <summary>Review of issue 10 (adversarial): the onboarding CLI. Each test states the expected behaviour and fails on 2a6966c.</summary>
public class OnboardingReviewTests(Emulators emulators)
{
    [Fact]
    public void A_tenants_Cognito_client_allows_no_user_sign_in_flow()
    {
        // Cognito: "If you don't specify a value for ExplicitAuthFlows, your app client supports ALLOW_REFRESH_TOKEN_AUTH,
        // ALLOW_USER_SRP_AUTH, and ALLOW_CUSTOM_AUTH." The class comment promises "no user sign-in flows".
        var json = JsonSerializer.Serialize(new CreateClientRequest("eu-west-1_X", "tenant-acme"), TenantsCognitoJson.Default.CreateClientRequest);

        Assert.Contains("\"ExplicitAuthFlows\"", json);
    }

    [Fact]
    public async Task A_timed_out_AWS_call_during_add_still_undoes_what_the_run_made()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        // What HttpClient throws when its Timeout (20 s in TenantTargets) elapses.
        world.ApiKeys.Failure = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 20 seconds elapsing.");
        world.ApiKeys.FailOn = "AddPlanKey";

        await Assert.ThrowsAnyAsync<Exception>(() => world.Onboarding.AddAsync("acme", "gold", new TenantSource("Users", null)));

        // TenantsCommand then prints "What this run made was undone; rerun the command."
        Assert.Empty(world.TenantKeyNames());
        Assert.Empty(await world.ClientNamesAsync());
    }

    [Fact]
    public async Task Tenants_of_a_tier_removed_from_cdk_json_can_still_be_moved_to_another_tier()
    {
        using var world = await TenantWorld.CreateAsync(emulators);
        await world.Onboarding.AddAsync("acme", "silver", new TenantSource("Users", null));
        // An operator retires (or renames) silver in cdk.json; the tenants in it must be movable to gold.
        var config = TenantWorld.Config with
        {
            UsagePlans = TenantWorld.Config.UsagePlans with { Tiers = TenantWorld.Config.UsagePlans.Tiers.Where(t => t.Key != "silver").ToDictionary() },
        };
        var onboarding = new TenantOnboarding(config, TenantIssuer.FromConfig(config), new Dictionary<string, string> { ["Users"] = world.PoolId },
            world.Store, world.ApiKeys, world.Clients, world.Output);

        await onboarding.MoveTierAsync("acme", "gold");

        Assert.Equal("gold", Assert.Single(await world.Store.ListAsync()).Tier);
    }

    [Theory]
    [InlineData("--tenants-table", "t", "--user-pool", "Users=eu-west-1_A", "--user-pool", "Users=eu-west-1_B", "list")]
    [InlineData("--local", "http://[::1", "list")]
    public async Task Bad_command_lines_are_usage_errors_not_stack_traces(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await TenantsCommand.RunAsync(args, output, error);

        Assert.Equal(2, code);
    }
}
