using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.ApiGateway;

/// <summary>
/// What a policy decides about is what the handler acts on: for every route with path parameters (from the route
/// table), every verb and every spelling of every parameter, the value in the authorizer's Cedar request equals the
/// value the handler acts on, or the handler refuses the request (400) and acts on nothing.
/// </summary>
public class OneReadingTests
{
    private readonly TestTokens _tokens = new();

    public static TheoryData<string, string, string> Spellings => new(
        from route in RouteTable.All.Where(r => r.PathParameters.Count > 0)
        from verb in route.Methods
        from parameter in route.Parameters
        from spelling in ParameterSpellings.Of(parameter.Kind, ParameterSpellings.CanonicalExample(parameter.Kind))
        select (route.ToString(), verb, $"{parameter.Name}={spelling.Text}"));

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task The_value_a_policy_sees_is_the_value_the_handler_acts_on(string routeName, string verb, string spelled)
    {
        var route = RouteTable.All.Single(r => r.ToString() == routeName);
        var (name, spelling) = (spelled[..spelled.IndexOf('=')], spelled[(spelled.IndexOf('=') + 1)..]);
        var delivered = route.Parameters.ToDictionary(p => p.Name,
            p => p.Name == name ? spelling : ParameterSpellings.CanonicalExample(p.Kind));

        var decided = await DecisionInputAsync(route, verb, delivered);
        var (status, actedOn) = await HandlerInputAsync(route, verb, delivered);

        if (actedOn is null)
        {
            Assert.Equal(400, status);
            Assert.Equal("", decided[name]);
        }
        else
        {
            Assert.Equal(decided[name], actedOn);
            Assert.NotEqual("", actedOn);
        }
        // And both mean what the spelling means.
        var kind = route.Parameters.Single(p => p.Name == name).Kind;
        var meant = ParameterSpellings.Of(kind, ParameterSpellings.CanonicalExample(kind)).Single(s => s.Text == spelling).Means;
        Assert.Equal(meant, actedOn);
    }

    [Fact]
    public void The_spellings_include_both_outcomes_for_every_parameter_kind()
    {
        foreach (var kind in Enum.GetValues<PathParameterKind>())
        {
            var results = ParameterSpellings.Of(kind, ParameterSpellings.CanonicalExample(kind))
                .Select(s => RouteParameters.TryRead("p", kind, s.Text, out _, out _)).ToList();
            Assert.Contains(true, results);
            Assert.True(results.Count(r => !r) >= 20, $"{kind}: only {results.Count(r => !r)} spellings are refused");
        }
    }

    /// <summary>The path parameters of the Cedar request the authorizer makes (a route that is not a policy route: the request a policy would get).</summary>
    private async Task<IReadOnlyDictionary<string, string>> DecisionInputAsync(Route route, string verb, Dictionary<string, string> delivered)
    {
        IsAuthorizedRequest request;
        if (route.Access == Access.Policy)
        {
            var avp = new FakeVerifiedPermissions();
            var validator = new AccessTokenValidator([_tokens.Pool], new JwksCache(new HttpClient(new JwksServer(_tokens)), TimeProvider.System));
            var authorizer = new PolicyAuthorizer(validator, avp, "ps", TestScopes.All(PolicyScope.Request), new RecordingLog().Log);
            await authorizer.AuthorizeAsync(new AuthorizerEvent
            {
                Type = "REQUEST",
                MethodArn = $"arn:aws:execute-api:eu-west-1:123456789012:api/dev/{verb}/x",
                Resource = route.Path,
                HttpMethod = verb,
                Headers = new() { ["Authorization"] = $"Bearer {_tokens.Access(groups: [Groups.Owners])}" },
                PathParameters = delivered,
            });
            request = Assert.Single(avp.Requests);
        }
        else
        {
            request = AuthorizationRequests.Build("ps", new VerifiedIdentity(_tokens.Pool, "s", "u", []), route, verb, delivered);
        }
        return request.Context.ContextMap[CedarAction.PathParametersAttribute].Record!.ToDictionary(p => p.Key, p => p.Value.String!);
    }

    private static Task<(int Status, string? ActedOn)> HandlerInputAsync(Route route, string verb, Dictionary<string, string> delivered) =>
        HandlerProbe.ActedOnAsync(route, verb, delivered);
}
