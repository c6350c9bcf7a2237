using System.Net;

namespace PetStore.Local.Tests;

/// <summary>
/// Decisions on the resource itself, locally as deployed: staff act on the pets of the stores their identity provider
/// says they work in, and an author's policy on the pet changes a decision by editing cedar/ alone (hot reload, no code).
/// </summary>
public class ResourcePolicyTests(LocalFixture fixture)
{
    private HttpClient Http => fixture.Local.Http;
    private string PetsFile => Path.Combine(fixture.Local.CedarDirectory!, "policies", "pets.cedar");

    private static readonly string PendingPriceFrozen =
        Environment.NewLine + File.ReadAllText(Path.Combine(LocalProcess.RepositoryRoot, "cedar", "examples", "pending-price-frozen.cedar"));

    private async Task<string> CreateAsync(string store, string token) =>
        (await Http.PostJsonAsync("/pets", $$"""{"type":"dog","price":10,"storeId":"{{store}}"}""", token)).Body.GetProperty("pet").GetProperty("id").GetString()!;

    private Task<ApiResponse> PatchAsync(string id, string body, string token) => Http.SendJsonAsync(HttpMethod.Patch, $"/pets/{id}", token, body);

    [Fact]
    public async Task Staff_add_and_change_pets_of_their_own_stores_only_and_owners_of_every_store()
    {
        var (employee, employee2, owner, customer) =
            (await Http.LoginAsync("employee"), await Http.LoginAsync("employee2"), await Http.LoginAsync("owner"), await Http.LoginAsync("customer"));

        var downtown = await CreateAsync("downtown", employee);
        var uptown = await CreateAsync("uptown", employee2);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.PostJsonAsync("/pets", """{"type":"cat","price":1,"storeId":"uptown"}""", employee)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.PostJsonAsync("/pets", """{"type":"cat","price":1,"storeId":"downtown"}""", customer)).Status);

        var changed = await PatchAsync(downtown, """{"price":12.5}""", employee);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(12.5m, changed.Body.GetProperty("price").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, (await PatchAsync(uptown, """{"price":1}""", employee)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PatchAsync(downtown, """{"status":"sold"}""", customer)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(uptown, """{"status":"sold"}""", owner)).Status);

        var read = await Http.GetJsonAsync($"/pets/{uptown}", customer);
        Assert.Equal(("uptown", "sold", 10m), (read.Body.GetProperty("storeId").GetString(), read.Body.GetProperty("status").GetString(), read.Body.GetProperty("price").GetDecimal()));
    }

    [Fact]
    public async Task An_authors_policy_on_the_pet_decides_the_next_request_with_no_code_change()
    {
        var employee = await Http.LoginAsync("employee");
        var pet = await CreateAsync("downtown", employee);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(pet, """{"status":"pending"}""", employee)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(pet, """{"price":11}""", employee)).Status);

        var original = await File.ReadAllTextAsync(PetsFile);
        try
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(PetsFile, original + PendingPriceFrozen);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith("Cedar: loaded ") && l.Contains("pending-price-frozen"), TimeSpan.FromSeconds(15), seen));
            Assert.NotNull(fixture.Local.Lines.Skip(seen).FirstOrDefault(l =>
                l.StartsWith("Cedar: PATCH /pets/{petId}: decided by the Pets function") && l.Contains("resource.status") && l.Contains("context.body.price")));

            var refused = await PatchAsync(pet, """{"price":12}""", employee);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Equal(HttpStatusCode.OK, (await PatchAsync(pet, """{"status":"available"}""", employee)).Status);
            // Available again: its price may change.
            Assert.Equal(HttpStatusCode.OK, (await PatchAsync(pet, """{"price":12}""", employee)).Status);
        }
        finally
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(PetsFile, original);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith("Cedar: loaded ") && !l.Contains("pending-price-frozen"), TimeSpan.FromSeconds(15), seen));
        }
    }
}
