using Microsoft.AspNetCore.Http;
using PetStore.Configuration;
using PetStore.Testing;

namespace PetStore.Local.Tests;

/// <summary>
/// The edge's rate-based rules as local mode emulates them, on a clock that moves only when told: counted over the
/// window, judged only when the rule checks, released once a check finds the key under its limit; keyed per token
/// for people and per IP for sign-ins, as the deployed web ACL is.
/// </summary>
public class EdgeRateRulesTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_key_over_the_limit_is_blocked_at_the_next_check_and_released_once_its_window_passes()
    {
        var rule = new RateBasedRule("test", limit: 10, window: TimeSpan.FromSeconds(60), evaluation: Check, _clock);

        for (var i = 0; i < 15; i++) Assert.False(rule.Blocks("alice"));   // over the limit, but no check yet: WAF's delay
        _clock.Advance(Check);
        Assert.True(rule.Blocks("alice"));
        Assert.False(rule.Blocks("bob"));                                    // other keys are counted apart
        Assert.False(rule.Blocks(null));                                     // no key: not counted, never blocked

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(rule.Blocks("alice"));                                   // still within the window: blocked
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.False(rule.Blocks("alice"));                                  // the check finds one request in the window
    }

    [Fact]
    public void People_are_limited_per_token_and_sign_ins_per_IP_as_cdk_json_sizes_them()
    {
        var perimeter = ConfigLoader.FromCdkJson(Path.Combine(LocalProcess.RepositoryRoot, "cdk.json"), "dev").Perimeter;
        var edge = new EdgeRateRules(perimeter, _clock, Check);
        HttpContext Request(string path, string? token, string ip = "203.0.113.7")
        {
            var context = new DefaultHttpContext();
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);
            if (token is not null) context.Request.Headers.Authorization = $"Bearer {token}";
            return context;
        }

        for (var i = 0; i <= perimeter.PersonRateLimit.Limit; i++) Assert.Null(edge.Blocking(Request("/pets", "token-a", $"198.51.100.{i % 200}")));
        string[] signIns = ["/login", "//LOGIN/mfa", "/users"];
        for (var i = 0; i <= perimeter.LoginRateLimitPer5Minutes; i++) Assert.Null(edge.Blocking(Request(signIns[i % signIns.Length], null)));
        _clock.Advance(Check);

        Assert.Equal("RateLimitPerPerson", edge.Blocking(Request("/pets", "token-a", "192.0.2.1")));
        Assert.Null(edge.Blocking(Request("/pets", "token-b", "192.0.2.1")));
        Assert.Equal("LoginRateLimitPerIp", edge.Blocking(Request("/users", null)));
        Assert.Null(edge.Blocking(Request("/login", null, "192.0.2.2")));
        Assert.Null(edge.Blocking(Request("/pets", "token-c")));              // the same IP, not signing in
    }
}
