using System.Net;
using PetStore.Cedar;
using PetStore.Policies;

namespace PetStore.Local.Tests;

/// <summary>
/// `replay` over local mode's access log: the requests the authorizer decided with Cedar, decided again against a
/// changed policy folder with the authorizer's own mapping; exactly those whose decision changes are listed.
/// </summary>
public class ReplayTests(LocalFixture fixture)
{
    [Fact]
    public async Task A_changed_policy_folder_lists_exactly_the_logged_requests_it_would_decide_otherwise()
    {
        var (owner, employee) = (await fixture.Local.Http.LoginAsync("owner"), await fixture.Local.Http.LoginAsync("employee"));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Local.Http.GetJsonAsync("/admin/replayed-reports", owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Local.Http.GetJsonAsync("/admin/replayed-billing", owner)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Local.Http.GetJsonAsync("/admin/replayed-reports", employee)).Status);
        // The token alone decides this one: nothing to replay.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Local.Http.GetJsonAsync("/pets", employee)).Status);
        await Task.Delay(200);

        var candidate = Path.Combine(Directory.CreateTempSubdirectory("replay-cedar-").FullName, "cedar");
        LocalProcess.CopyDirectory(fixture.Local.CedarDirectory!, candidate);
        await File.AppendAllTextAsync(Path.Combine(candidate, "policies", "admin.cedar"), """

            // Reports are for employees too, and no longer for owners.
            @id("employees-reports")
            permit (principal in PetStore::UserGroup::"employees", action == PetStore::Action::"get /admin/{proxy+}", resource)
            when { context.pathParameters.proxy like "replayed-reports*" };

            @id("no-owner-reports")
            forbid (principal in PetStore::UserGroup::"owners", action == PetStore::Action::"get /admin/{proxy+}", resource)
            when { context.pathParameters.proxy like "replayed-reports*" };
            """);
        using var engine = CedarEngine.Start(NodeTools.NodeTools.Locate(LocalProcess.RepositoryRoot));

        var unchanged = Replay.Run(fixture.Local.AccessLogFile, PolicyStoreFiles.Load(fixture.Local.CedarDirectory!, engine), engine);
        var changed = Replay.Run(fixture.Local.AccessLogFile, PolicyStoreFiles.Load(candidate, engine), engine);

        // Other tests' lines were decided under policies they added for a while: only this test's lines are compared.
        Assert.DoesNotContain(unchanged.Changes, c => c.Request.Contains("replayed-"));
        Assert.InRange(unchanged.Replayed, 3, unchanged.Lines);
        Assert.Equal(
            [("GET /admin/replayed-reports", "permit (owners-admin)", "forbid (no-owner-reports)"), ("GET /admin/replayed-reports", "no permit", "permit (employees-reports)")],
            changed.Changes.Where(c => c.Request.Contains("replayed-")).Select(c => (c.Request, c.Before, c.After)));
        Assert.All(changed.Changes.Where(c => c.Request.Contains("replayed-")), c => Assert.True(c.DecisionChanges));
        Assert.Contains(changed.Skipped, s => s.Key.Contains("token"));
    }
}
