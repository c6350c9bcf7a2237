using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Tenants;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Review;

/// <summary>
/// Review of issue 10 (adversarial): which tokens the authorizer takes for a tenant and which for a person. Each test
/// states the expected secure behaviour and fails on 2a6966c.
/// </summary>
public class TenantIdentityReviewTests
{
    private const string Arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev";
    private const string InteractiveKey = "interactive-key-value-000000";

    // The Auth0 provider exactly as docs/TENANTS-AND-IDENTITY.md's example configures it (no clientIds).
    private static readonly TrustedIssuer Auth0 = Authorizer.OidcTokenShapesTests.Auth0;

    // Entra ID v2 as the docs say for app-only tenants: tenantClaim tid, requiredScope null.
    private static readonly TrustedIssuer EntraAppOnly = Authorizer.OidcTokenShapesTests.Entra with { Name = "Contoso", RequiredScope = null };

    private readonly TestTokens _pool = new(tenants: true);
    private readonly TestTokens _auth0 = new("auth0-key", Auth0);
    private readonly TestTokens _entra = new("entra-key", EntraAppOnly);
    private readonly Registry _registry = new();
    private readonly FakeVerifiedPermissions _avp = new();
    private readonly PolicyAuthorizer _authorizer;
    private readonly AccessTokenValidator _validator;

    public TenantIdentityReviewTests()
    {
        _validator = new AccessTokenValidator([_pool.Pool, _auth0.Pool, _entra.Pool],
            new JwksCache(new HttpClient(new JwksServer(_pool, _auth0, _entra)), TimeProvider.System));
        _authorizer = new PolicyAuthorizer(_validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), new RecordingLog().Log, _registry, InteractiveKey);
        _registry.Entries[TenantRegistry.IdentityKey("Users", "acme-client")] = new TenantEntry("acme", "acme-key-value-0000000000", "gold", TenantStatus.Active);
        _registry.Entries[TenantRegistry.IdentityKey("Partners", "org_globex")] = new TenantEntry("globex", "globex-key-value-000000000", "bronze", TenantStatus.Active);
        _registry.Entries[TenantRegistry.IdentityKey("Partners", "org_initech")] = new TenantEntry("initech", "initech-key-value-00000000", "silver", TenantStatus.Suspended);
    }

    private static readonly Route SignedIn = RouteTable.All.First(r => r.Access == Access.SignedIn);

    private Task<AuthorizerResponse> Authorize(string token, Route route) => _authorizer.AuthorizeAsync(new AuthorizerEvent
    {
        Type = "REQUEST",
        MethodArn = $"{Arn}/{route.Methods[0]}{route.Path.Replace("{petId}", "p-1").Replace("{proxy+}", "x")}",
        Resource = route.Path,
        HttpMethod = route.Methods[0],
        Headers = new() { ["Authorization"] = $"Bearer {token}" },
        RequestContext = new AuthorizerRequestContext { RequestId = "r-1" },
    });

    [Fact]
    public async Task A_suspended_tenants_machine_client_cannot_come_back_as_a_person_by_leaving_out_org_id()
    {
        // initech's M2M client (sub Xy7mK2@clients, gty client-credentials) with its organization: refused, as documented.
        var suspended = await Authorize(_auth0.Mint(Authorizer.OidcTokenShapesTests.Auth0Claims(orgId: "org_initech"), typ: "at+jwt"), SignedIn);
        Assert.False(suspended.IsAllow);

        // The same client asks Auth0 for a token without an organization (Auth0 "Organization usage: Allow", or any M2M
        // grant to the API): no org_id, so the authorizer takes it for a person.
        var again = await Authorize(_auth0.Mint(Authorizer.OidcTokenShapesTests.Auth0Claims(orgId: null), typ: "at+jwt"), SignedIn);
        Assert.False(again.IsAllow,
            $"a client_credentials token without its tenant claim was admitted as a person: key {again.UsageIdentifierKey}, groups '{again.Context["groups"]}'");
    }

    [Fact]
    public async Task A_person_signed_in_to_an_Auth0_organization_is_not_metered_as_that_tenants_machine_client()
    {
        // Auth0 puts org_id in a user's access token when the user logs in to an organization.
        var person = _auth0.Mint(new Dictionary<string, object>
        {
            ["sub"] = "auth0|64f1c2", ["azp"] = "SpaClient123",
            ["aud"] = new[] { "https://api.petstore.example", "https://petstore-partners.eu.auth0.com/userinfo" },
            ["scope"] = "openid profile petstore:api", ["permissions"] = new[] { "pets-reader" }, ["org_id"] = "org_globex",
        }, typ: "at+jwt");

        var answer = await Authorize(person, SignedIn);

        Assert.True(answer.IsAllow);
        Assert.Equal("", answer.Context["tenant"]);
        Assert.Equal(InteractiveKey, answer.UsageIdentifierKey);
    }

    [Fact]
    public async Task Entra_tid_as_the_documented_tenant_claim_tells_two_partner_apps_apart()
    {
        const string tid = "72f988bf-0000-0000-0000-2d7cd011db47";
        Dictionary<string, object> AppOnly(string app) => new()
        {
            ["sub"] = $"sp-{app}", ["oid"] = $"sp-{app}", ["azp"] = app, ["idtyp"] = "app",
            ["aud"] = "6e74172b-be56-4843-9ff4-e66a39bb12e3", ["roles"] = new[] { "pets-reader" }, ["tid"] = tid, ["ver"] = "2.0",
        };

        var first = await _validator.ValidateAsync(_entra.Mint(AppOnly("partner-one-app")));
        var second = await _validator.ValidateAsync(_entra.Mint(AppOnly("partner-two-app")));

        // Every token of a single-tenant Entra issuer carries that directory's tid: all machine clients are one tenant.
        Assert.NotEqual(first.TenantKey, second.TenantKey);
    }

    [Fact]
    public async Task A_person_through_another_Entra_app_is_not_taken_for_a_tenant()
    {
        // A delegated (user) token from an app other than the SPA, e.g. a tool the directory consented for Pets.Access.
        var person = _entra.Mint(new Dictionary<string, object>
        {
            ["sub"] = "user-sub", ["oid"] = "user-oid", ["azp"] = "some-other-app", ["idtyp"] = "user", ["scp"] = "Pets.Access",
            ["aud"] = "6e74172b-be56-4843-9ff4-e66a39bb12e3", ["roles"] = new[] { "store-owner" },
            ["tid"] = "72f988bf-0000-0000-0000-2d7cd011db47", ["ver"] = "2.0", ["preferred_username"] = "olivia@contoso.example",
        });

        var identity = await _validator.ValidateAsync(person);

        Assert.Null(identity.TenantKey);
    }

    [Fact]
    public async Task A_person_token_issued_through_a_tenants_Cognito_client_is_not_the_tenant_with_the_persons_groups()
    {
        // Cognito app clients made without ExplicitAuthFlows allow USER_SRP_AUTH; the pool's pre token generation
        // trigger adds petstore/api to every access token. Such a token: a user's sub, username and groups, the
        // tenant's client_id.
        var token = _pool.Access(sub: "8a1f-user", username: "olivia", groups: ["owners"], clientId: "acme-client", scope: "aws.cognito.signin.user.admin petstore/api");

        var answer = await Authorize(token, SignedIn);

        Assert.False(answer.IsAllow && answer.Context["tenant"] == "acme" && answer.Context["groups"] == "owners",
            $"a person's token through the tenant's client was taken as tenant '{answer.Context["tenant"]}' with groups '{answer.Context["groups"]}' and key {answer.UsageIdentifierKey}");
    }

    private sealed class Registry : ITenantRegistry
    {
        public Dictionary<string, TenantEntry> Entries { get; } = [];

        public Task<TenantEntry?> FindAsync(string identityKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(Entries.GetValueOrDefault(identityKey));
    }
}
