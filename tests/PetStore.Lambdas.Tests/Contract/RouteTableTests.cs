using PetStore.Contract;

namespace PetStore.Lambdas.Tests.Contract;

public class RouteTableTests
{
    [Theory]
    [InlineData("/pets/{petId}", "/pets/abc", true, "petId", "abc")]
    [InlineData("/pets/{petId}", "/pets/a%2Fb", true, "petId", "a%2Fb")]
    [InlineData("/pets/{petId}", "/pets", false, null, null)]
    [InlineData("/pets/{petId}", "/pets/abc/def", false, null, null)]
    [InlineData("/admin/{proxy+}", "/admin/curltest1", true, "proxy", "curltest1")]
    [InlineData("/admin/{proxy+}", "/admin/a/b/c", true, "proxy", "a/b/c")]
    [InlineData("/admin/{proxy+}", "/admin", false, null, null)]
    [InlineData("/admin/{proxy+}", "/administrator/x", false, null, null)]
    [InlineData("/", "/", true, null, null)]
    [InlineData("/", "/pets", false, null, null)]
    public void Request_paths_match_resource_paths_as_API_Gateway_does_and_parameters_pass_on_as_sent(string resource, string path, bool matches, string? name, string? value)
    {
        Assert.Equal(matches, RoutePath.TryMatch(resource, path, out var parameters));
        if (name is not null) Assert.Equal(value, parameters[name]);
    }

    [Fact]
    public void Cedar_actions_are_the_lowercase_verb_and_the_declared_path_of_policy_routes()
    {
        Assert.Equal(["post /pets"], new Route("POST", "/pets", Access.Policy, Backend.Pets, "X").CedarActionIds);
        Assert.Equal(
            Route.AnyExpandsTo.Select(verb => $"{verb.ToLowerInvariant()} /admin/{{proxy+}}"),
            new Route("ANY", "/admin/{proxy+}", Access.Policy, Backend.Admin, "X").CedarActionIds);
    }

    [Fact]
    public void The_API_needs_the_actions_of_the_routes_policies_decide_and_no_others()
    {
        Assert.Equal(
            RouteTable.All.Where(r => r.Access is Access.Policy or Access.Resource).SelectMany(r => r.CedarActionIds),
            RouteTable.CedarActionIds);
        Assert.DoesNotContain(RouteTable.All.Where(r => r.Access is Access.Public or Access.SignedIn).SelectMany(r => r.CedarActionIds), RouteTable.CedarActionIds.Contains);
    }

    [Theory]
    [InlineData("GET", "/admin/{proxy+}", "Admin")]
    [InlineData("delete", "/admin/{proxy+}", null)]
    [InlineData("Get", "/pets/{petId}", null)]
    [InlineData("HEAD", "/admin/{proxy+}", null)]
    [InlineData("OPTIONS", "/admin/{proxy+}", null)]
    [InlineData("POST", "/pets", "CreatePet")]
    [InlineData("DELETE", "/pets", null)]
    [InlineData("GET", "/pets/{petId}", "GetPet")]
    [InlineData("GET", "/pets/123", null)]
    public void Find_serves_only_the_declared_verbs_exactly_and_ANY_only_its_expansion(string method, string resource, string? operation)
    {
        Assert.Equal(operation, RouteTable.Find(method, resource)?.Operation);
    }

    [Fact]
    public void Every_route_is_unique_and_every_non_mock_route_has_a_function()
    {
        Assert.Equal(RouteTable.All.Count, RouteTable.All.Select(r => (r.Method, r.Path)).Distinct().Count());
        Assert.All(RouteTable.All.Where(r => r.Backend != Backend.Mock), r => Assert.NotNull(FunctionHandlers.ForBackend(r.Backend)));
        Assert.All(RouteTable.All.Where(r => r.Backend == Backend.Mock), r => Assert.Equal(Access.Public, r.Access));
    }

    [Fact]
    public void Path_parameters_are_read_from_the_declared_path()
    {
        Assert.Equal(["petId"], RouteTable.Find("GET", "/pets/{petId}")!.PathParameters);
        Assert.Equal(["proxy"], RouteTable.Find("GET", "/admin/{proxy+}")!.PathParameters);
        Assert.Empty(RouteTable.Find("GET", "/pets")!.PathParameters);
    }
}
