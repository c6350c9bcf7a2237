using PetStore.Contract;
using PetStore.Lambdas.Authorizer;

namespace PetStore.Local.Tests;

/// <summary>How local mode applies an authorizer's policy to a request, and what the authorizer's answers cover.</summary>
public class GatewayAuthorizationTests
{
    [Theory]
    [InlineData("arn:x/dev/GET/pets", "arn:x/dev/GET/pets", true)]
    [InlineData("arn:x/dev/GET/pets", "arn:x/dev/GET/pets/", false)]
    [InlineData("arn:x/dev/GET/*", "arn:x/dev/GET/admin/a/b", true)]
    [InlineData("arn:x/dev/GET/*", "arn:x/dev/GET/", true)]
    [InlineData("arn:x/dev/*/pets", "arn:x/dev/POST/pets", true)]
    [InlineData("arn:x/dev/GET/pe?s", "arn:x/dev/GET/pets", true)]
    [InlineData("arn:x/dev/GET/pe?s", "arn:x/dev/GET/pes", false)]
    [InlineData("arn:x/dev/GET/*pets*", "arn:x/dev/GET//pets//", true)]
    [InlineData("arn:x/dev/GET/a.c", "arn:x/dev/GET/abc", false)]
    [InlineData("arn:x/dev/GET/*a*b*c", "arn:x/dev/GET/aXbYcZc", true)]
    public void Policy_resources_match_with_IAM_wildcards_only(string pattern, string arn, bool matches) =>
        Assert.Equal(matches, ExecuteApiPolicy.Matches(pattern, arn));

    private static PolicyDocument Policy(params (string Effect, string Resource)[] statements) =>
        new("2012-10-17", [.. statements.Select(s => new PolicyStatement("execute-api:Invoke", s.Effect, s.Resource))]);

    [Fact]
    public void An_explicit_deny_wins_and_nothing_matching_is_a_deny()
    {
        const string arn = "arn:x/dev/GET/pets";
        Assert.True(ExecuteApiPolicy.Allows(Policy(("Allow", "arn:x/dev/GET/*")), arn));
        Assert.False(ExecuteApiPolicy.Allows(Policy(("Allow", "arn:x/dev/GET/*"), ("Deny", "arn:x/dev/*/pets")), arn));
        Assert.False(ExecuteApiPolicy.Allows(Policy(("Allow", "arn:x/dev/POST/*")), arn));
        Assert.False(ExecuteApiPolicy.Allows(Policy(), arn));
    }

    /// <summary>Paths API Gateway routes to <paramref name="route"/>: its literal path, parameters filled, spelled with extra slashes.</summary>
    private static IEnumerable<string> Spellings(Route route)
    {
        var filled = string.Concat(RoutePath.Segments(route.Path).Select(s => "/" + (RoutePath.IsGreedy(s) ? "a/b" : RoutePath.IsParameter(s) ? "x" : s)));
        // Distinct: for a one-segment path, doubling every slash is the same spelling as a doubled leading slash.
        return new[] { filled, filled + "/", filled + "//", "/" + filled, "//" + filled, filled.Replace("/", "//") }.Distinct();
    }

    public static TheoryData<string, string> PolicyRouteSpellings =>
    [
        .. RouteTable.All.Where(r => r.Access == Access.Policy)
            .SelectMany(r => r.Methods.SelectMany(m => Spellings(r).Select(path => (m, path))))
            .Select(x => new TheoryDataRow<string, string>(x.m, x.path)),
    ];

    [Theory]
    [MemberData(nameof(PolicyRouteSpellings))]
    public void A_route_wide_answer_covers_every_spelling_API_Gateway_routes_to_the_route(string method, string path)
    {
        var (route, _) = LocalApiGateway.Match(method, path);
        Assert.NotNull(route);
        var arn = LocalApiGateway.MethodArn("dev", method, path);

        var answer = Policy(("Allow", MethodArns.ForRoute(arn, route.Path)));

        Assert.True(ExecuteApiPolicy.Allows(answer, arn), $"{answer.Statement[0].Resource} does not cover {arn}");
        foreach (var other in Route.AnyExpandsTo.Where(v => v != method))
            Assert.False(ExecuteApiPolicy.Allows(answer, LocalApiGateway.MethodArn("dev", other, path)));
        Assert.True(ExecuteApiPolicy.Allows(Policy(("Allow", MethodArns.For(PolicyScope.Request, arn, route.Path))), arn));
    }

    [Theory]
    [InlineData("/pets/", "/pets")]
    [InlineData("//pets", "/pets")]
    [InlineData("/pets//", "/pets")]
    [InlineData("//admin//x", "/admin/{proxy+}")]
    public void Extra_slashes_route_as_API_Gateway_routes_them(string path, string resource)
    {
        var (route, parameters) = LocalApiGateway.Match(path.StartsWith("//admin") ? "GET" : "POST", path);
        Assert.Equal(resource, route?.Path);
        if (route!.PathParameters.Count > 0) Assert.Equal("x", parameters["proxy"]);
    }
}
