using System.Net;
using System.Text.Json;

namespace PetStore.Local.Tests;

/// <summary>
/// Every decision says which policies made it: the stage's access log (as local mode writes it, in the deployed format)
/// carries the policy-set version, the reason and the determining policies for fresh and cached answers alike.
/// </summary>
public class ProvenanceTests(LocalFixture fixture)
{
    private HttpClient Http => fixture.Local.Http;

    private async Task<JsonElement> LineForAsync(string path)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var lines = await File.ReadAllLinesAsync(fixture.Local.AccessLogFile);
            if (lines.Select(l => JsonDocument.Parse(l).RootElement).LastOrDefault(l => l.GetProperty("path").GetString()!.EndsWith(path)) is { ValueKind: JsonValueKind.Object } line)
                return line;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No access log line for {path}.");
    }

    [Fact]
    public async Task The_access_log_shows_the_policy_version_the_reason_and_the_policies_of_fresh_and_cached_answers()
    {
        var version = fixture.Local.Lines.Last(l => l.StartsWith("Cedar: loaded ")).Split("(version ")[1].Split(')')[0];
        var (owner, employee, customer) = (await Http.LoginAsync("owner"), await Http.LoginAsync("employee"), await Http.LoginAsync("customer"));
        var seen = fixture.Local.Lines.Count;

        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/admin/provenance-fresh", owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/admin/provenance-cached", owner)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetJsonAsync("/admin/provenance-denied", employee)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/pets", customer)).Status);

        // The second admin answer came from the gateway's cache: one decision for the two.
        Assert.Single(fixture.Local.Lines.Skip(seen), l => l.Contains("\"Authorization decision\"") && l.Contains("get /admin/{proxy+}") && l.Contains("\"reason\":\"permit\""));
        foreach (var path in new[] { "/admin/provenance-fresh", "/admin/provenance-cached" })
        {
            var line = await LineForAsync(path);
            Assert.Equal((200, version, "permit", "owners-admin"),
                (line.GetProperty("status").GetInt32(), line.GetProperty("policyVersion").GetString(), line.GetProperty("reason").GetString(), line.GetProperty("policies").GetString()));
        }
        var denied = await LineForAsync("/admin/provenance-denied");
        Assert.Equal((403, version, "no permit", ""),
            (denied.GetProperty("status").GetInt32(), denied.GetProperty("policyVersion").GetString(), denied.GetProperty("reason").GetString(), denied.GetProperty("policies").GetString()));
        var signedIn = await LineForAsync("/pets");
        Assert.Equal(("token", "GET", "/pets"), (signedIn.GetProperty("reason").GetString(), signedIn.GetProperty("httpMethod").GetString(), signedIn.GetProperty("resourcePath").GetString()));
    }
}
