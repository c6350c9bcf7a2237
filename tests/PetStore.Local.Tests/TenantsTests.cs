using System.Net;
using System.Text.Json;
using PetStore.Contract;
using PetStore.Tenants;

namespace PetStore.Local.Tests;

/// <summary>
/// Tenants in local mode, end to end: the onboarding CLI pointed at the running instance (--local), tokens from the demo
/// OIDC issuer's token endpoint, and the gateway metering each request by the key the authorizer returned: two tenants
/// of different tiers throttled independently while people are not, a suspended or unknown tenant refused with its reason.
/// </summary>
public class TenantsTests(LocalFixture fixture)
{
    private LocalProcess Local => fixture.Local;

    /// <summary>The services URL local mode prints for the CLI.</summary>
    private string ServicesUrl => Local.Lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"--local (http://127\.0\.0\.1:\d+)"))
        .First(m => m.Success).Groups[1].Value;

    private async Task<(int Code, string Output, string Error)> TenantsAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TenantsCommand.RunAsync(["--local", ServicesUrl, .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<string> DemoTokenAsync(params (string Name, string Value)[] form)
    {
        using var response = await Local.Http.PostAsync($"{ServicesUrl}{DemoIssuer.PathPrefix}/oauth/token",
            new FormUrlEncodedContent([.. form.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("client_secret", LocalProcess.Password)]));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private Task<string> TenantTokenAsync(string org) =>
        DemoTokenAsync(("grant_type", "client_credentials"), ("client_id", $"{org}-service"), ("org_id", org), ("permissions", "read:pets"));

    /// <summary>Requests until the first 429 (at most <paramref name="limit"/>): how many passed, and the 429's body.</summary>
    private async Task<(int Passed, string? Refusal)> UntilThrottledAsync(string token, int limit)
    {
        for (var i = 0; i < limit; i++)
        {
            var response = await Local.Http.GetJsonAsync("/pets?limit=1", token);
            if (response.Status == HttpStatusCode.TooManyRequests) return (i, response.Body.GetRawText());
            Assert.Equal(HttpStatusCode.OK, response.Status);
        }
        return (limit, null);
    }

    [Fact]
    public async Task Two_tenants_of_different_tiers_are_throttled_independently_and_people_are_not()
    {
        var add = await TenantsAsync("add", "globex", "--tier", "bronze", "--issuer", DemoIssuer.Name, "--tenant-id", "org_globex");
        Assert.True(add.Code == 0, add.Error);
        Assert.Contains("onboarded", add.Output);
        Assert.Equal(0, (await TenantsAsync("add", "initech", "--tier", "silver", "--issuer", DemoIssuer.Name, "--tenant-id", "org_initech")).Code);
        var list = await TenantsAsync("list");
        Assert.Contains("globex", list.Output);
        Assert.Contains("Demo|org_initech", list.Output);

        var bronze = await TenantTokenAsync("org_globex");
        var silver = await TenantTokenAsync("org_initech");
        var person = await Local.Http.LoginAsync("customer");

        var started = DateTime.UtcNow;
        var (bronzePassed, bronzeRefusal) = await UntilThrottledAsync(bronze, 200);
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        // Bronze: burst 10 at 5 per second.
        // The API's JSON for the 429, as the deployed DEFAULT_4XX response writes it.
        Assert.Equal($$"""{"message":"{{GatewayMessages.TooManyRequests}}"}""", bronzeRefusal);
        Assert.InRange(bronzePassed, 10, 10 + (int)Math.Ceiling(seconds * 5) + 1);

        // Bronze is throttled; silver and people are not, right now.
        Assert.Equal(HttpStatusCode.OK, (await Local.Http.GetJsonAsync("/pets?limit=1", silver)).Status);
        for (var i = 0; i < 30; i++) Assert.Equal(HttpStatusCode.OK, (await Local.Http.GetJsonAsync("/pets?limit=1", person)).Status);

        // Silver has its own, larger bucket: burst 40.
        var (silverPassed, silverRefusal) = await UntilThrottledAsync(silver, 400);
        Assert.Equal($$"""{"message":"{{GatewayMessages.TooManyRequests}}"}""", silverRefusal);
        Assert.True(silverPassed > bronzePassed, $"silver passed {silverPassed}, bronze {bronzePassed}");
        Assert.Equal(HttpStatusCode.OK, (await Local.Http.GetJsonAsync("/pets?limit=1", person)).Status);
    }

    [Fact]
    public async Task A_suspended_tenant_is_refused_at_once_and_an_unknown_one_with_its_reason()
    {
        Assert.Equal(0, (await TenantsAsync("add", "hooli", "--tier", "gold", "--issuer", DemoIssuer.Name, "--tenant-id", "org_hooli")).Code);
        var token = await TenantTokenAsync("org_hooli");
        Assert.Equal(HttpStatusCode.OK, (await Local.Http.GetJsonAsync("/pets", token)).Status);

        Assert.Equal(0, (await TenantsAsync("suspend", "hooli")).Code);
        // The key is disabled, so even the gateway's cached Allow no longer lets it through.
        var suspended = await Local.Http.GetJsonAsync("/pets", token);
        Assert.Equal(HttpStatusCode.Forbidden, suspended.Status);
        Assert.Equal(GatewayMessages.Forbidden, suspended.Message);

        var unknown = await Local.Http.GetJsonAsync("/pets", await TenantTokenAsync("org_unregistered"));
        Assert.Equal(HttpStatusCode.Forbidden, unknown.Status);
        Assert.Equal(GatewayMessages.UnknownTenant, unknown.Message);

        Assert.Equal(0, (await TenantsAsync("remove", "hooli")).Code);
        Assert.DoesNotContain("hooli", (await TenantsAsync("list")).Output);
    }

    [Fact]
    public async Task A_tenant_id_longer_than_the_registry_key_allows_is_an_unknown_tenant_not_a_failure()
    {
        var token = await DemoTokenAsync(("grant_type", "client_credentials"), ("client_id", "long-service"), ("org_id", new string('x', 2_100)),
            ("permissions", "read:pets"));

        var response = await Local.Http.GetJsonAsync("/pets", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(GatewayMessages.UnknownTenant, response.Message);
        var add = await TenantsAsync("add", "longid", "--tier", "bronze", "--issuer", DemoIssuer.Name, "--tenant-id", new string('x', 2_100));
        Assert.NotEqual(0, add.Code);
        Assert.Contains("too long", add.Error);
    }

    [Fact]
    public async Task A_person_with_a_token_from_the_demo_OIDC_issuer_is_decided_by_the_same_policies()
    {
        var writer = await DemoTokenAsync(("grant_type", "password"), ("username", "dana"), ("permissions", "write:pets"), ("stores", "downtown"));
        var reader = await DemoTokenAsync(("grant_type", "password"), ("username", "rory"), ("permissions", "read:pets"));

        Assert.Equal(HttpStatusCode.Created, (await Local.Http.PostJsonAsync("/pets", """{"type":"ferret","price":12.5,"storeId":"downtown"}""", writer)).Status);
        var denied = await Local.Http.PostJsonAsync("/pets", """{"type":"ferret","price":12.5,"storeId":"downtown"}""", reader);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        // The employee's stores come from the provider's claim: none for another store.
        Assert.Equal(HttpStatusCode.Forbidden, (await Local.Http.PostJsonAsync("/pets", """{"type":"ferret","price":12.5,"storeId":"uptown"}""", writer)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Local.Http.GetJsonAsync("/pets", reader)).Status);

        // A token the demo issuer did not sign, or signed for another audience, is a 401.
        var parts = writer.Split('.');
        Assert.Equal(HttpStatusCode.Unauthorized, (await Local.Http.GetJsonAsync("/pets", $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA")).Status);
    }

    [Fact]
    public async Task The_CLI_says_what_is_wrong_and_changes_nothing()
    {
        var wrongTier = await TenantsAsync("add", "umbrella", "--tier", "platinum", "--issuer", DemoIssuer.Name, "--tenant-id", "org_umbrella");
        Assert.Equal(1, wrongTier.Code);
        Assert.Contains("'platinum' is not a tenant tier", wrongTier.Error);
        // dev's pool accepts no tenants' app clients (userPools[].tenants), so no issuer is chosen for it.
        var noPool = await TenantsAsync("add", "umbrella", "--tier", "gold");
        Assert.Equal(1, noPool.Code);
        Assert.Contains("accepts tenants", noPool.Error);
        Assert.DoesNotContain("umbrella", (await TenantsAsync("list")).Output);
        Assert.Equal(2, (await TenantsAsync("frobnicate")).Code);
    }
}
