using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.ApiGateway;

/// <summary>
/// What a policy decides about is what the handler acts on: for every route with path parameters (from the route
/// table), every verb and every spelling of every parameter, the handler acts on exactly the value the spelling means
/// or refuses it (400), and the authorizer (on a resource route, the handler itself) either decides on that value or
/// does not decide at all.
/// </summary>
public class OneReadingTests
{
    private const string Policy = "policy";
    // Minting and validating RSA tokens is the slow part: one pool, one validator, one token for every case.
    private static readonly TestTokens Tokens = new();
    private static readonly AccessTokenValidator Validator =
        new([Tokens.Pool], new JwksCache(new HttpClient(new JwksServer(Tokens)), TimeProvider.System));
    private static readonly string Token = Tokens.Access(groups: [Groups.Owners]);

    private static IEnumerable<(string Route, string Verb, string Spelled)> AllSpellings(Func<Route, bool> which) =>
        from route in RouteTable.All.Where(r => r.PathParameters.Count > 0 && which(r))
        from verb in route.Methods
        from parameter in route.Parameters
        from spelling in ParameterSpellings.Of(parameter.Kind, ParameterSpellings.CanonicalExample(parameter.Kind))
        select (route.ToString(), verb, $"{parameter.Name}={spelling.Text}");

    public static TheoryData<string, string, string> Spellings => new(AllSpellings(_ => true));

    public static TheoryData<string, string, string> PolicyRouteSpellings => new(AllSpellings(r => r.Access == Access.Policy));

    private static (Route Route, string Name, Spelling Spelling, Dictionary<string, string> Delivered) Read(string routeName, string spelled)
    {
        var route = RouteTable.All.Single(r => r.ToString() == routeName);
        var (name, text) = (spelled[..spelled.IndexOf('=')], spelled[(spelled.IndexOf('=') + 1)..]);
        var kind = route.Parameters.Single(p => p.Name == name).Kind;
        var spelling = ParameterSpellings.Of(kind, ParameterSpellings.CanonicalExample(kind)).Single(s => s.Text == text);
        return (route, name, spelling, route.Parameters.ToDictionary(p => p.Name, p => p.Name == name ? text : ParameterSpellings.CanonicalExample(p.Kind)));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task The_value_a_policy_sees_is_the_value_the_handler_acts_on(string routeName, string verb, string spelled)
    {
        var (route, name, spelling, delivered) = Read(routeName, spelled);
        var (status, actedOn) = await HandlerProbe.ActedOnAsync(route, verb, delivered);

        // The handler acts on what the spelling means, or on nothing.
        Assert.Equal(spelling.Means, actedOn);
        if (actedOn is null) Assert.Equal(400, status);

        foreach (var scope in Enum.GetValues<PolicyScope>())
        {
            var (allowed, decided) = await DecideAsync(route, verb, delivered, scope, protectedValue: null);
            if (spelling.Means is not null) Assert.Equal(spelling.Means, decided![name]);
            // The handler refuses the value (400) before it decides anything.
            else if (route.Access == Access.Resource) Assert.Null(decided);
            // A refused value is not decided on: denied where a policy may read it, "" (no policy reads it) where the answer covers the route.
            else if (scope == PolicyScope.Request && route.Access == Access.Policy) Assert.True(decided is null && !allowed, $"{scope}: decided on {decided?[name]}");
            else Assert.Equal("", decided![name]);
        }
    }

    /// <summary>
    /// Whether API Gateway hands the authorizer and the function the value as sent or decoded once (public sources
    /// disagree, docs/API.md), and even if it did so differently for the two: with a policy forbidding one value, no
    /// spelling gets an Allow and then a handler acting on that value.
    /// </summary>
    [Theory]
    [MemberData(nameof(PolicyRouteSpellings))]
    public async Task However_API_Gateway_delivers_a_spelling_no_handler_acts_on_a_value_a_policy_forbade(string routeName, string verb, string spelled)
    {
        var (route, name, _, delivered) = Read(routeName, spelled);
        var forbidden = ParameterSpellings.CanonicalExample(route.Parameters.Single(p => p.Name == name).Kind);
        IEnumerable<Dictionary<string, string>> Deliveries() =>
            RouteParameters.TryDecodeOnce(delivered[name], out var decoded, out _) || TryDecodeKeepingPercent(delivered[name], out decoded)
                ? [delivered, new Dictionary<string, string>(delivered) { [name] = decoded }]
                : [delivered];

        foreach (var toAuthorizer in Deliveries())
        foreach (var toHandler in Deliveries())
        {
            var (allowed, _) = await DecideAsync(route, verb, toAuthorizer, PolicyScope.Request, forbidden);
            var (_, actedOn) = await HandlerProbe.ActedOnAsync(route, verb, toHandler);
            Assert.False(allowed && actedOn == forbidden,
                $"the authorizer got {toAuthorizer[name]} and allowed; the handler got {toHandler[name]} and acted on {actedOn}");
        }
    }

    /// <summary>
    /// The authorizer's answer and the path parameters of its Cedar request (null when it asked none), for a Cedar that
    /// denies exactly <paramref name="protectedValue"/>. A route that is not a policy route: the request a policy would get.
    /// </summary>
    private async Task<(bool Allowed, IReadOnlyDictionary<string, string>? Decided)> DecideAsync(
        Route route, string verb, Dictionary<string, string> delivered, PolicyScope scope, string? protectedValue)
    {
        if (route.Access == Access.Resource)
        {
            var handlerAsked = (await HandlerProbe.ProbeAsync(route, verb, delivered)).Asked;
            return (handlerAsked is not null, handlerAsked is null ? null : Parameters(handlerAsked));
        }
        if (route.Access != Access.Policy)
        {
            var built = AuthorizationRequests.Build(Policy, new VerifiedIdentity(Tokens.Pool, "s", "u", []), route, verb, delivered);
            return (true, Parameters(built));
        }
        var avp = new ProtectingVerifiedPermissions(protectedValue);
        var authorizer = new PolicyAuthorizer(Validator, avp, Policy, TestScopes.All(scope), new RecordingLog().Log);
        var answer = await authorizer.AuthorizeAsync(new AuthorizerEvent
        {
            Type = "REQUEST",
            MethodArn = $"arn:aws:execute-api:eu-west-1:123456789012:api/dev/{verb}/x",
            Resource = route.Path,
            HttpMethod = verb,
            Headers = new() { ["Authorization"] = $"Bearer {Token}" },
            PathParameters = delivered,
        });
        return (answer.IsAllow, avp.Asked is { } asked ? Parameters(asked) : null);
    }

    private static IReadOnlyDictionary<string, string> Parameters(IsAuthorizedRequest request) =>
        request.Context.ContextMap[CedarAction.PathParametersAttribute].Record!.ToDictionary(p => p.Key, p => p.Value.String!);

    /// <summary>Allows everything but a request about <paramref name="protectedValue"/> in any path parameter.</summary>
    private sealed class ProtectingVerifiedPermissions(string? protectedValue) : IVerifiedPermissions
    {
        public IsAuthorizedRequest? Asked { get; private set; }

        public Task<IsAuthorizedResponse> IsAuthorizedAsync(IsAuthorizedRequest request, CancellationToken cancellationToken = default)
        {
            Asked = request;
            var forbidden = Parameters(request).Values.Contains(protectedValue);
            return Task.FromResult(new IsAuthorizedResponse(forbidden ? IsAuthorizedResponse.Deny : IsAuthorizedResponse.Allow, [], []));
        }

        public Task<BatchIsAuthorizedResponse> BatchIsAuthorizedAsync(BatchIsAuthorizedRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The authorizer decides one request at a time.");
    }

    /// <summary>Decoding as a gateway might, keeping a decoded '%'.</summary>
    private static bool TryDecodeKeepingPercent(string text, out string decoded)
    {
        try
        {
            decoded = Uri.UnescapeDataString(text);
            return !decoded.Contains('\uFFFD') && decoded != text;
        }
        catch (UriFormatException)
        {
            decoded = "";
            return false;
        }
    }

    [Fact]
    public void The_spellings_include_both_outcomes_for_every_parameter_kind()
    {
        foreach (var kind in Enum.GetValues<PathParameterKind>())
        {
            var spellings = ParameterSpellings.Of(kind, ParameterSpellings.CanonicalExample(kind));
            Assert.Contains(spellings, s => s.Means is not null && s.Means == ParameterSpellings.CanonicalExample(kind) && s.Text != s.Means);
            Assert.True(spellings.Count(s => s.Means is null) >= 20, $"{kind}: only {spellings.Count(s => s.Means is null)} spellings are refused");
        }
    }
}
