using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Aws;
using PetStore.Lambdas.Tenants;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Tenants;

/// <summary>
/// Which API key meters a request, and what the registry's answer does: people get the interactive key, a registered
/// tenant's machine client its own key, on signed-in and policy routes alike; an unknown or suspended tenant is a Deny
/// with its reason; a registry that cannot answer is a 503, never an Allow.
/// </summary>
public class TenantAuthorizationTests
{
    private const string Arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev";
    private const string InteractiveKey = "interactive-key-value-000000";

    private readonly TestTokens _pool = new(tenants: true);
    private readonly TestTokens _auth0 = new("auth0-key", Authorizer.OidcTokenShapesTests.Auth0);
    private readonly FakeRegistry _registry = new();
    private readonly FakeVerifiedPermissions _avp = new();
    private readonly RecordingLog _log = new();
    private readonly PolicyAuthorizer _authorizer;

    public TenantAuthorizationTests()
    {
        var validator = new AccessTokenValidator([_pool.Pool, _auth0.Pool], new JwksCache(new HttpClient(new JwksServer(_pool, _auth0)), TimeProvider.System));
        _authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), _log.Log, _registry, InteractiveKey);
        _registry.Entries[TenantRegistry.IdentityKey("Users", "acme-client")] = new TenantEntry("acme", "acme-key-value-0000000000", "gold", TenantStatus.Active);
        _registry.Entries[TenantRegistry.IdentityKey("Partners", "org_globex")] = new TenantEntry("globex", "globex-key-value-000000000", "bronze", TenantStatus.Active);
        _registry.Entries[TenantRegistry.IdentityKey("Partners", "org_initech")] = new TenantEntry("initech", "initech-key-value-00000000", "silver", TenantStatus.Suspended);
    }

    private static readonly Route SignedIn = RouteTable.All.First(r => r.Access == Access.SignedIn);
    private static readonly Route Policy = RouteTable.All.First(r => r.Access == Access.Policy);

    private Task<AuthorizerResponse> Authorize(string token, Route route) => _authorizer.AuthorizeAsync(new AuthorizerEvent
    {
        Type = "REQUEST",
        MethodArn = $"{Arn}/{route.Methods[0]}{route.Path.Replace("{petId}", "p-1").Replace("{proxy+}", "x")}",
        Resource = route.Path,
        HttpMethod = route.Methods[0],
        Headers = new() { ["Authorization"] = $"Bearer {token}" },
        RequestContext = new AuthorizerRequestContext { RequestId = "r-1" },
    });

    private string Machine(string client) => _pool.Machine(client);

    private string Partner(string? org) => _auth0.Mint(Authorizer.OidcTokenShapesTests.Auth0Claims(orgId: org), typ: "at+jwt");

    [Fact]
    public async Task A_person_is_metered_by_the_interactive_key_on_every_signed_in_route()
    {
        var answer = await Authorize(_pool.Access(groups: ["customers"]), SignedIn);

        Assert.True(answer.IsAllow);
        Assert.Equal(InteractiveKey, answer.UsageIdentifierKey);
        Assert.Equal("", answer.Context["tenant"]);
        // Keyed by the token alone, the answer covers every signed-in and resource route and verb.
        var signedIn = RouteTable.All.Where(r => r.IsAdmittedByToken).SelectMany(r => r.Methods.Select(m => (Verb: m, r.Path))).ToList();
        Assert.Equal(signedIn.Count, answer.PolicyDocument.Statement.Count);
        Assert.All(signedIn, m => Assert.Contains(answer.PolicyDocument.Statement, s => s.Resource.StartsWith($"{Arn}/{m.Verb}/", StringComparison.Ordinal)));
        Assert.Empty(_avp.Requests);
        Assert.Empty(_registry.Reads);
    }

    [Fact]
    public async Task People_are_spread_over_the_interactive_keys_each_always_on_the_same_one()
    {
        const int count = 8;
        var validator = new AccessTokenValidator([_pool.Pool], new JwksCache(new HttpClient(new JwksServer(_pool)), TimeProvider.System));
        var authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), _log.Log, _registry, InteractiveKey, interactiveKeyCount: count);
        async Task<string?> KeyOf(string sub, string username) => (await authorizer.AuthorizeAsync(new AuthorizerEvent
        {
            Type = "REQUEST",
            MethodArn = $"{Arn}/GET/pets",
            Resource = "/pets",
            HttpMethod = "GET",
            Headers = new() { ["Authorization"] = $"Bearer {_pool.Access(sub: sub, username: username, groups: ["customers"])}" },
            RequestContext = new AuthorizerRequestContext { RequestId = "r-1" },
        })).UsageIdentifierKey;

        var keys = new Dictionary<string, string?>();
        for (var i = 0; i < 64; i++) keys[$"sub-{i}"] = await KeyOf($"sub-{i}", $"person{i}");

        // Each person's every token lands on one key, whatever its username says.
        Assert.Equal(keys["sub-3"], await KeyOf("sub-3", "renamed"));
        Assert.All(keys.Values, k => Assert.StartsWith(InteractiveKey + "-", k));
        Assert.Equal(count, keys.Values.Distinct().Count());
        Assert.All(keys, k => Assert.Equal(UsagePlanNames.InteractiveKeyFor(InteractiveKey, $"{_pool.Pool.PrincipalPrefix}|{k.Key}", count), k.Value));
        // None holds more than a quarter of 64 people: one person's flood reaches few others.
        Assert.All(keys.Values.GroupBy(k => k), g => Assert.True(g.Count() <= 16, $"{g.Key}: {g.Count()} people"));
    }

    [Fact]
    public async Task A_registered_Cognito_machine_client_gets_its_tenants_key()
    {
        var answer = await Authorize(Machine("acme-client"), SignedIn);

        Assert.True(answer.IsAllow);
        Assert.Equal("acme-key-value-0000000000", answer.UsageIdentifierKey);
        Assert.Equal("acme", answer.Context["tenant"]);
        Assert.Equal(["Users|acme-client"], _registry.Reads);
    }

    [Fact]
    public async Task Each_OIDC_tenant_gets_its_own_key_and_a_policy_route_still_asks_Cedar()
    {
        var globex = await Authorize(Partner("org_globex"), Policy);

        Assert.True(globex.IsAllow);
        Assert.Equal("globex-key-value-000000000", globex.UsageIdentifierKey);
        Assert.Equal("Partners|Xy7mK2@clients", Assert.Single(_avp.Requests).Principal.EntityId);

        _avp.Decision = IsAuthorizedResponse.Deny;
        var denied = await Authorize(Partner("org_globex"), Policy);
        Assert.False(denied.IsAllow);
        Assert.Null(denied.UsageIdentifierKey);
        Assert.Equal(GatewayMessages.ExplicitDeny, denied.Context["message"]);
    }

    [Fact]
    public async Task An_unknown_tenant_is_denied_with_a_clear_message_and_no_Cedar_call()
    {
        foreach (var token in new[] { Partner("org_nobody"), Machine("unregistered-client") })
        {
            var answer = await Authorize(token, Policy);
            Assert.False(answer.IsAllow);
            Assert.Null(answer.UsageIdentifierKey);
            Assert.Equal(GatewayMessages.UnknownTenant, answer.Context["message"]);
        }
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task A_suspended_tenant_is_denied_naming_the_tenant()
    {
        var answer = await Authorize(Partner("org_initech"), SignedIn);

        Assert.False(answer.IsAllow);
        Assert.Equal(GatewayMessages.SuspendedTenant("initech"), answer.Context["message"]);
        Assert.Equal("Tenant initech is suspended.", answer.Context["message"]);
        // Inserted into the gateway response's JSON unescaped: nothing in it needs escaping.
        Assert.All(new[] { answer.Context["message"], GatewayMessages.UnknownTenant, GatewayMessages.ExplicitDeny },
            m => Assert.DoesNotContain(m, c => c is '"' or '\\' or '\'' || char.IsControl(c)));
    }

    [Fact]
    public async Task A_suspended_tenants_machine_client_cannot_come_back_as_a_person_by_leaving_out_its_tenant_claim()
    {
        // initech's M2M client (gty client-credentials) with its organization: refused, suspended.
        Assert.False((await Authorize(Partner("org_initech"), SignedIn)).IsAllow);

        // The same client asks Auth0 for a token without an organization: a machine token naming no tenant is a 401,
        // not a person with the interactive key and its mapped groups.
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize(Partner(null), SignedIn));
        Assert.Contains(_log.Lines, l => l.Contains("names no tenant"));
    }

    [Fact]
    public async Task A_person_signed_in_to_an_Auth0_organization_is_not_metered_as_that_tenants_machine_client()
    {
        var person = _auth0.Mint(Authorizer.OidcTokenShapesTests.Auth0PersonClaims(orgId: "org_globex"), typ: "at+jwt");

        var answer = await Authorize(person, SignedIn);

        Assert.True(answer.IsAllow);
        Assert.Equal("", answer.Context["tenant"]);
        Assert.Equal(InteractiveKey, answer.UsageIdentifierKey);
        Assert.Empty(_registry.Reads);
    }

    [Fact]
    public async Task A_persons_token_through_a_tenants_Cognito_client_is_refused()
    {
        // A user's sub, username and groups, the tenant's client_id (what a tenant client allowing SRP sign-in would
        // issue, the pre token trigger adding the API scope): neither the tenant nor a person.
        var token = _pool.Access(sub: "8a1f-user", username: "olivia", groups: ["owners"], clientId: "acme-client", scope: "aws.cognito.signin.user.admin petstore/api");

        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize(token, SignedIn));
        Assert.Empty(_registry.Reads);
    }

    [Theory]
    [InlineData("username")]
    [InlineData("cognito:groups")]
    public async Task A_machine_token_carrying_a_persons_claim_is_refused(string personClaim)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "acme-client", ["token_use"] = "access", ["client_id"] = "acme-client", ["scope"] = ApiScope.FullName,
            [personClaim] = personClaim == "username" ? "acme-client" : new[] { "owners" },
        };

        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize(_pool.Mint(claims), SignedIn));
        Assert.Contains(_log.Lines, l => l.Contains($"carries a person's claim ({personClaim})"));
        Assert.Empty(_registry.Reads);
    }

    [Theory]
    [InlineData("throttled")]
    [InlineData("unreachable")]
    [InlineData("timeout")]
    public async Task A_registry_that_cannot_answer_is_unavailable_never_an_allow(string failure)
    {
        _registry.Failure = failure switch
        {
            "throttled" => new AwsServiceException("ProvisionedThroughputExceededException", "slow down", System.Net.HttpStatusCode.BadRequest),
            "unreachable" => new HttpRequestException("connection refused"),
            _ => new TaskCanceledException("timed out"),
        };

        await Assert.ThrowsAsync<AuthorizationUnavailableException>(() => Authorize(Partner("org_globex"), SignedIn));
        await Assert.ThrowsAsync<AuthorizationUnavailableException>(() => Authorize(Machine("acme-client"), Policy));
        Assert.Empty(_avp.Requests);
        Assert.Contains(_log.Lines, l => l.Contains("\"level\":\"ERROR\"") && l.Contains("Tenant registry unavailable"));
        // People do not need the registry and keep working.
        Assert.True((await Authorize(_pool.Access(groups: ["customers"]), SignedIn)).IsAllow);
    }

    [Fact]
    public async Task A_pool_without_tenants_refuses_other_clients_as_before()
    {
        var strict = new TestTokens();
        var validator = new AccessTokenValidator([strict.Pool], new JwksCache(new HttpClient(new JwksServer(strict)), TimeProvider.System));
        var authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), _log.Log, _registry, InteractiveKey);
        await Assert.ThrowsAsync<UnauthorizedException>(() => authorizer.AuthorizeAsync(new AuthorizerEvent
        {
            Type = "REQUEST", MethodArn = $"{Arn}/GET/pets", Resource = "/pets", HttpMethod = "GET",
            Headers = new() { ["Authorization"] = $"Bearer {strict.Access(clientId: "acme-client")}" },
        }));
        Assert.Empty(_registry.Reads);
    }

    private sealed class FakeRegistry : ITenantRegistry
    {
        public Dictionary<string, TenantEntry> Entries { get; } = [];
        public List<string> Reads { get; } = [];
        public Exception? Failure { get; set; }

        public Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default)
        {
            Reads.Add(identityKey);
            return Failure is not null ? Task.FromException<TenantEntry?>(Failure) : Task.FromResult(Entries.GetValueOrDefault(identityKey));
        }
    }
}
