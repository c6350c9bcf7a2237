using PetStore.Configuration;
using PetStore.Contract;
using PetStore.Testing;

namespace PetStore.Local.Tests;

/// <summary>The gateway emulation's usage plans per key, on a clock that moves only when told: burst, refill rate, daily quota, key state.</summary>
public class UsagePlanMeterTests
{
    private static readonly DeploymentConfig Config = ConfigLoader.FromCdkJson(Path.Combine(LocalProcess.RepositoryRoot, "cdk.json"), "dev");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));
    private readonly ApiKeysStandIn _keys = new(Config);

    private string Key(string tier, string name = "t")
    {
        var value = $"{name}-{tier}-value-0000000000000";
        var created = _keys.Handle("POST", "/apikeys", [], new() { ["name"] = name, ["value"] = value, ["enabled"] = true }).Body!;
        _keys.Handle("POST", $"/usageplans/plan-{tier}/keys", [], new() { ["keyId"] = created["id"]!.GetValue<string>(), ["keyType"] = "API_KEY" });
        return value;
    }

    [Fact]
    public void A_key_gets_its_burst_then_its_rate()
    {
        var meter = new UsagePlanMeter(_keys, _clock);
        var bronze = Config.UsagePlans.Tiers["bronze"];
        var key = Key("bronze");

        for (var i = 0; i < bronze.BurstLimit; i++) Assert.Null(meter.Admit(key));
        Assert.Equal(new MeterRefusal(429, GatewayMessages.TooManyRequests), meter.Admit(key));

        _clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < (int)bronze.RateLimit; i++) Assert.Null(meter.Admit(key));
        Assert.NotNull(meter.Admit(key));
    }

    [Fact]
    public void The_daily_quota_ends_a_keys_day_and_a_new_day_starts_it_again()
    {
        var meter = new UsagePlanMeter(_keys, _clock);
        var quota = Config.UsagePlans.Tiers["bronze"].QuotaPerDay;
        var key = Key("bronze");
        for (var used = 0; used < quota; _clock.Advance(TimeSpan.FromSeconds(1)))
            for (var i = 0; i < 5 && used < quota; i++, used++) Assert.Null(meter.Admit(key));

        Assert.Equal(new MeterRefusal(429, GatewayMessages.QuotaExceeded), meter.Admit(key));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(meter.Admit(key));
    }

    [Fact]
    public void Keys_are_metered_apart_and_a_missing_disabled_or_planless_key_is_forbidden()
    {
        var meter = new UsagePlanMeter(_keys, _clock);
        var first = Key("bronze", "a");
        var second = Key("bronze", "b");
        while (meter.Admit(first) is null) { }
        Assert.Null(meter.Admit(second));

        var forbidden = new MeterRefusal(403, GatewayMessages.Forbidden);
        Assert.Equal(forbidden, meter.Admit(null));
        Assert.Equal(forbidden, meter.Admit("no-such-key-value-000000000"));
        var loose = _keys.Handle("POST", "/apikeys", [], new() { ["name"] = "loose", ["value"] = "loose-value-0000000000000", ["enabled"] = true }).Body!;
        Assert.Equal(forbidden, meter.Admit("loose-value-0000000000000"));
        _keys.Handle("PATCH", $"/apikeys/{loose["id"]}", [], new() { ["patchOperations"] = new System.Text.Json.Nodes.JsonArray() });
        var secondId = _keys.Handle("GET", "/apikeys", [], null).Body!["item"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "b")!["id"]!.GetValue<string>();
        _keys.Handle("PATCH", $"/apikeys/{secondId}", [], new() { ["patchOperations"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["op"] = "replace", ["path"] = "/enabled", ["value"] = "false" }) });
        Assert.Equal(forbidden, meter.Admit(second));
    }

    [Fact]
    public void People_are_spread_over_the_interactive_keys_each_with_its_own_bucket_and_no_quota()
    {
        var meter = new UsagePlanMeter(_keys, _clock);
        var values = UsagePlanNames.InteractiveKeyValues(Config.Name, Config.UsagePlans.InteractiveKeys);
        Assert.Equal(Config.UsagePlans.InteractiveKeys, values.Count);
        Assert.All(values, v => Assert.Equal(Config.UsagePlans.InteractiveTier, _keys.Metering(v)!.Value.Plan.Tier));

        // One person's flood empties their key's bucket only: the next key still admits.
        var interactive = Config.UsagePlans.Tiers[Config.UsagePlans.InteractiveTier];
        for (var i = 0; i < interactive.BurstLimit; i++) Assert.Null(meter.Admit(values[0]));
        Assert.Equal(new MeterRefusal(429, GatewayMessages.TooManyRequests), meter.Admit(values[0]));
        Assert.Null(meter.Admit(values[1]));

        // No quota on keys people share: one person could otherwise end everyone's day on that key.
        Assert.Null(_keys.Metering(values[1])!.Value.Plan.Limits.QuotaPerDay);
    }
}
