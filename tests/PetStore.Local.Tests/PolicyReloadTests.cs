using System.Net;

namespace PetStore.Local.Tests;

/// <summary>Policy authors see their change decide real requests, without restarting local mode.</summary>
public class PolicyReloadTests(LocalFixture fixture)
{
    private const string CustomersMayCreate = """

        // Test: customers may add pets too.
        @id("customers-create-pets")
        permit (
          principal in PetStore::UserGroup::"customers",
          action == PetStore::Action::"post /pets",
          resource
        );
        """;

    // Local mode's announcements, whatever the number of policies in cedar/.
    private const string Loaded = "Cedar: loaded ";
    private const string Kept = "Cedar: kept the previous ";

    private string PetsFile => Path.Combine(fixture.Local.CedarDirectory!, "policies", "pets.cedar");

    [Fact]
    public async Task Editing_a_policy_changes_the_decision_without_a_restart()
    {
        var http = fixture.Local.Http;
        var token = await http.LoginAsync("customer");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", token)).Status);
        var original = await File.ReadAllTextAsync(PetsFile);
        try
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(PetsFile, original + CustomersMayCreate);
            var loaded = await fixture.Local.WaitForLineAsync(l => l.StartsWith(Loaded) && l.Contains("customers-create-pets (cedar/policies/pets.cedar:"),
                TimeSpan.FromSeconds(15), seen);
            Assert.NotNull(loaded);

            Assert.Equal(HttpStatusCode.Created, (await http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", token)).Status);
        }
        finally
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(PetsFile, original);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith(Loaded) && !l.Contains("customers-create-pets"), TimeSpan.FromSeconds(15), seen));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", token)).Status);
    }

    [Fact]
    public async Task A_broken_edit_is_reported_with_file_and_line_and_the_last_good_policies_stay()
    {
        var http = fixture.Local.Http;
        var original = await File.ReadAllTextAsync(PetsFile);
        try
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(PetsFile, original.Replace("\"post /pets\"", "\"post /petz\""));

            var problem = await fixture.Local.WaitForLineAsync(l => l.Contains("cedar/policies/pets.cedar:") && l.Contains("unrecognized action"),
                TimeSpan.FromSeconds(15), seen);
            Assert.NotNull(problem);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith(Kept), TimeSpan.FromSeconds(5), seen));

            var token = await http.LoginAsync("employee");
            Assert.Equal(HttpStatusCode.Created, (await http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", token)).Status);
        }
        finally
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(PetsFile, original);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith(Loaded), TimeSpan.FromSeconds(15), seen));
        }
    }

    [Fact]
    public async Task A_policy_edit_that_crashes_the_Cedar_engine_is_reported_and_the_last_good_policies_stay()
    {
        var http = fixture.Local.Http;
        var deep = Path.Combine(fixture.Local.CedarDirectory!, "policies", "deep.cedar");
        var nested = new string('(', 200) + "true" + new string(')', 200);
        try
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(deep, $"@id(\"deep\")\npermit (principal, action, resource)\nwhen {{ {nested} }};\n");

            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.Contains("cedar/policies/deep.cedar:3:") && l.Contains("Cedar engine"),
                TimeSpan.FromSeconds(15), seen));
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith(Kept), TimeSpan.FromSeconds(5), seen));
            Assert.Null(fixture.Local.ExitCode);

            var employee = await http.LoginAsync("employee");
            Assert.Equal(HttpStatusCode.Created, (await http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", employee)).Status);
            var customer = await http.LoginAsync("customer");
            Assert.Equal(HttpStatusCode.Forbidden, (await http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", customer)).Status);
        }
        finally
        {
            var seen = fixture.Local.Lines.Count;
            File.Delete(deep);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith(Loaded), TimeSpan.FromSeconds(15), seen));
        }
    }
}
