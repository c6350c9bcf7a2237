using System.Net;

namespace PetStore.Local.Tests;

/// <summary>
/// Local mode's gateway caches authorizer answers as the deployed template declares (the plans come from the
/// policies), so a policy on a path parameter can never be answered from another path's cached decision; and it
/// spells method ARNs as clients spell paths, so the authorizer's answers must cover every accepted spelling.
/// </summary>
public class DecisionCacheTests(LocalFixture fixture)
{
    /// <summary>The example path-parameter policy: employees may read reports under /admin, nothing else there.</summary>
    private static readonly string EmployeesReadReports =
        Environment.NewLine + File.ReadAllText(Path.Combine(LocalProcess.RepositoryRoot, "cedar", "examples", "employees-reports.cedar"));

    private HttpClient Http => fixture.Local.Http;
    private string AdminFile => Path.Combine(fixture.Local.CedarDirectory!, "policies", "admin.cedar");

    /// <summary>A request to a path exactly as spelled (a relative "//pets" would be read as a host name).</summary>
    private Task<ApiResponse> SendAsync(string method, string path, string token, string? body = null) =>
        Http.SendJsonAsync(new HttpMethod(method), new Uri(Http.BaseAddress!, "/").ToString().TrimEnd('/') + path, token, body);

    [Fact]
    public async Task A_policy_on_a_path_parameter_decides_every_path_even_with_the_same_token()
    {
        var original = await File.ReadAllTextAsync(AdminFile);
        try
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(AdminFile, original + EmployeesReadReports);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(
                l => l.StartsWith("Cedar: ANY /admin/{proxy+}: authorizer answers not cached: employees-reports (cedar/policies/admin.cedar:"),
                TimeSpan.FromSeconds(15), seen));
            Assert.NotNull(fixture.Local.Lines.Skip(seen).FirstOrDefault(l => l.StartsWith("Cedar: DELETE /pets/{petId}: authorizer answers cached")));

            // The report first, then another path with the same token: the bypass.
            var employee = await Http.LoginAsync("employee");
            Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/admin/reports/q1", employee)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetJsonAsync("/admin/billing", employee)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/admin/reports/q2", employee)).Status);

            // The reverse: a deny first must not lock the token out of the reports.
            var fresh = await Http.LoginAsync("employee");
            Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetJsonAsync("/admin/billing", fresh)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/admin/reports/q3", fresh)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await Http.SendJsonAsync(HttpMethod.Delete, "/admin/reports/q3", fresh)).Status);
        }
        finally
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(AdminFile, original);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith("Cedar: ANY /admin/{proxy+}: authorizer answers cached"),
                TimeSpan.FromSeconds(15), seen));
        }
    }

    [Theory]
    [InlineData("POST", "/pets/")]
    [InlineData("POST", "//pets")]
    [InlineData("POST", "/pets//")]
    public async Task Spellings_of_a_resource_route_that_API_Gateway_routes_are_decided_by_the_policies(string method, string path)
    {
        var employee = await Http.LoginAsync("employee");
        var customer = await Http.LoginAsync("customer");

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(method, path, employee, """{"type":"dog","price":1,"storeId":"downtown"}""")).Status);
        var denied = await SendAsync(method, path, customer, """{"type":"dog","price":1,"storeId":"downtown"}""");
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("You may not add pets to store downtown.", denied.Message);
    }

    [Theory]
    [InlineData("//admin//x")]
    [InlineData("/admin/x/")]
    [InlineData("//admin/x")]
    public async Task Spellings_of_the_admin_route_are_decided_by_the_policies(string path)
    {
        var owner = await Http.LoginAsync("owner");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("GET", "/admin/x", owner)).Status);

        // The answer cached for /admin/x serves these too, and covers their method ARNs.
        var response = await SendAsync("GET", path, owner);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("User authorized for /admin/x", response.Message);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("GET", path, await Http.LoginAsync("employee"))).Status);
    }
}
