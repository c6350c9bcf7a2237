using System.Net;
using PetStore.Configuration;

namespace PetStore.Local.Tests;

/// <summary>Starting, running side by side, stopping: nothing is left running or bound.</summary>
public class LifecycleTests(LocalFixture fixture)
{
    [Fact]
    public async Task SIGTERM_stops_local_mode_and_every_process_it_started()
    {
        var second = await LocalProcess.StartAsync();
        var children = second.Descendants();
        Assert.True(children.Count >= 3, $"expected dynalite, cognito-local and the Cedar engine, found {children.Count} processes");

        // Side by side with the shared instance, on another port.
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetJsonAsync("/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Local.Http.GetJsonAsync("/")).Status);

        second.Signal("TERM");
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        await WaitUntilGone(children);
        Assert.Contains(second.Lines, l => l == "Stopped.");
        await Assert.ThrowsAsync<HttpRequestException>(() => second.Http.GetStringAsync("/"));
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Even_a_killed_local_mode_leaves_no_emulator_behind()
    {
        var second = await LocalProcess.StartAsync();
        var children = second.Descendants();

        // cognito-local works in a scratch folder of its own, dynalite keeps its store in one; they must not outlive it either.
        var scratch = children.Select(pid => Directory.ResolveLinkTarget($"/proc/{pid}/cwd", false)?.FullName)
            .Single(dir => dir is not null && Path.GetFileName(dir).StartsWith("cognito-local-"))!;
        var store = children.Select(pid => File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline").Split('\0') : [])
            .Select(args => Array.IndexOf(args, "--path") is var i and >= 0 ? Path.GetDirectoryName(args[i + 1]) : null)
            .Single(dir => dir is not null)!;
        Assert.True(Directory.Exists(store), store);

        second.Signal("KILL");
        await second.WaitForExitAsync(TimeSpan.FromSeconds(10));

        await WaitUntilGone(children);
        Assert.False(Directory.Exists(scratch), $"{scratch} was left behind");
        Assert.False(Directory.Exists(store), $"{store} was left behind");
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_missing_npm_ci_is_one_line_saying_what_to_run()
    {
        var root = Directory.CreateTempSubdirectory("no-node-modules-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, RepositoryLayout.SolutionFile), "");
            File.WriteAllText(Path.Combine(root, "package.json"), "{}");
            File.Copy(Path.Combine(LocalProcess.RepositoryRoot, "cdk.json"), Path.Combine(root, "cdk.json"));

            var local = await LocalProcess.StartAsync(copyCedar: false,
                environment: new Dictionary<string, string> { [RepositoryLayout.RootVariable] = root }, waitForListening: false);
            var code = await local.WaitForExitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(2, code);
            var line = Assert.Single(local.Lines);
            Assert.Contains("run `npm ci` in", line);
            await local.DisposeAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_weak_demo_password_is_refused_before_anything_starts()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [LocalProcess.LocalDll, "--demo-password", "weak"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--demo-password must have at least 12 characters", error);
    }

    private static async Task WaitUntilGone(IReadOnlyList<int> pids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (pids.Any(LocalProcess.IsAlive) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.DoesNotContain(pids, LocalProcess.IsAlive);
    }
}
