using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PetStore.Configuration;
using PetStore.Contract;

namespace PetStore.Local.Tests;

/// <summary>
/// Nobody can throttle everybody, in local mode's gateway as deployed: people are spread over the interactive keys by
/// principal, each key its own bucket, so one customer flooding at full speed leaves another customer and the staff
/// unthrottled. The short version of the load benchmark's fairness run: it fails on unfairness, not on speed.
/// </summary>
public class FairnessTests(LocalFixture fixture)
{
    private static readonly DeploymentConfig Config = ConfigLoader.FromCdkJson(Path.Combine(LocalProcess.RepositoryRoot, "cdk.json"), "dev");
    private static readonly TimeSpan FloodFor = TimeSpan.FromSeconds(8);
    private const int FloodWorkers = 8;
    private const int SteadyPerSecond = 5;

    private HttpClient Http => fixture.Local.Http;

    /// <summary>The interactive key the authorizer gives a token's person: the hash of "&lt;pool id&gt;|&lt;sub&gt;".</summary>
    private static int KeyOf(string token)
    {
        var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;
        var pool = claims.GetProperty("iss").GetString()!.Split('/')[^1];
        return UsagePlanNames.Shard($"{pool}|{claims.GetProperty("sub").GetString()}", Config.UsagePlans.InteractiveKeys);
    }

    /// <summary>A new customer whose key none of <paramref name="taken"/> uses.</summary>
    private async Task<string> CustomerOnAnotherKeyAsync(IReadOnlyCollection<int> taken)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var username = $"fair{Guid.NewGuid():N}"[..20];
            var signedUp = await Http.PostJsonAsync("/users", JsonSerializer.Serialize(new { username, password = "Brand-New-Pass-7", email = $"{username}@example.com" }));
            Assert.Equal(HttpStatusCode.Created, signedUp.Status);
            var token = await Http.LoginAsync(username, "Brand-New-Pass-7");
            if (!taken.Contains(KeyOf(token))) return token;
        }
        throw new InvalidOperationException($"30 new customers all landed on keys {string.Join(", ", taken)} of {Config.UsagePlans.InteractiveKeys}.");
    }

    [Fact]
    public async Task One_customer_flooding_leaves_another_customer_and_the_staff_unthrottled()
    {
        Assert.True(Config.UsagePlans.InteractiveKeys > 1, "dev spreads people over one key: nothing to be fair with");
        var employee = await Http.LoginAsync("employee");
        var staff = new[] { employee, await Http.LoginAsync("customer"), await Http.LoginAsync("owner") }.Select(KeyOf).ToHashSet();
        var flooder = await CustomerOnAnotherKeyAsync(staff);
        var other = await CustomerOnAnotherKeyAsync([KeyOf(flooder)]);

        using var stop = new CancellationTokenSource(FloodFor);
        var floodAnswers = new List<HttpStatusCode>();
        async Task FloodAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var status = (await Http.GetJsonAsync("/pets?limit=1", flooder)).Status;
                lock (floodAnswers) floodAnswers.Add(status);
            }
        }
        async Task<List<(HttpStatusCode Status, TimeSpan Took)>> SteadyAsync(string token)
        {
            var answers = new List<(HttpStatusCode, TimeSpan)>();
            var started = Stopwatch.StartNew();
            for (var i = 0; started.Elapsed < FloodFor; i++)
            {
                var sent = Stopwatch.StartNew();
                answers.Add(((await Http.GetJsonAsync("/pets?limit=1", token)).Status, sent.Elapsed));
                var next = TimeSpan.FromSeconds((i + 1.0) / SteadyPerSecond) - started.Elapsed;
                if (next > TimeSpan.Zero) await Task.Delay(next);
            }
            return answers;
        }

        var flood = Enumerable.Range(0, FloodWorkers).Select(_ => Task.Run(FloodAsync)).ToList();
        var steadyCustomer = SteadyAsync(other);
        var steadyEmployee = SteadyAsync(employee);
        await Task.WhenAll([.. flood, steadyCustomer, steadyEmployee]);
        // Let the flooder's bucket refill before other tests run.
        await Task.Delay(TimeSpan.FromSeconds(Config.UsagePlans.Tiers[Config.UsagePlans.InteractiveTier].BurstLimit / Config.UsagePlans.Tiers[Config.UsagePlans.InteractiveTier].RateLimit + 1));

        // The flood did outrun its key's bucket, so the test could fail...
        Assert.Contains(HttpStatusCode.TooManyRequests, floodAnswers);
        // ...and the others were not throttled at all: at least 99 % succeed, and here every one must.
        foreach (var (who, answers) in new[] { ("the other customer", await steadyCustomer), ("the employee", await steadyEmployee) })
        {
            var ok = answers.Count(a => a.Status == HttpStatusCode.OK);
            Assert.True(ok >= 0.99 * answers.Count && answers.Count >= FloodFor.TotalSeconds * SteadyPerSecond * 0.5,
                $"{who}: {ok} of {answers.Count} answered 200 ({string.Join(", ", answers.Where(a => a.Status != HttpStatusCode.OK).Select(a => (int)a.Status).Distinct())}); the flooder sent {floodAnswers.Count}, {floodAnswers.Count(s => s == HttpStatusCode.TooManyRequests)} throttled");
        }
    }
}
