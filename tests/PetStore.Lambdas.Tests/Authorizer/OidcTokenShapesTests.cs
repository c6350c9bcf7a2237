using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Authorizer;

/// <summary>
/// Access tokens of OIDC providers other than Cognito, minted by Microsoft.IdentityModel in each provider's documented
/// claim shape, through the same validator as Cognito's: Auth0 (RFC 9068 profile, <c>aud</c> an array, <c>azp</c>,
/// <c>scope</c>, <c>permissions</c>, <c>org_id</c>), Entra ID v2 (<c>aud</c> the API's app id, <c>azp</c>, <c>scp</c> a
/// string, <c>roles</c>, <c>tid</c>, <c>ver</c>), Okta (<c>aud</c> a string, <c>cid</c>, <c>scp</c> an array, a
/// <c>groups</c> claim) and Keycloak (<c>typ: Bearer</c> in the payload, <c>azp</c>, <c>scope</c>,
/// <c>realm_access.roles</c>).
/// </summary>
public class OidcTokenShapesTests
{
    /// <summary>The Auth0 application people sign in through (a single-page app).</summary>
    public const string Auth0SpaClient = "SpaClient123";

    private static readonly IReadOnlyDictionary<string, string> Mapping = new Dictionary<string, string>
    {
        ["pets-reader"] = Groups.Customers, ["pets-writer"] = Groups.Employees, ["store-owner"] = Groups.Owners,
    };

    public static readonly TrustedIssuer Auth0 = new()
    {
        Name = "Partners", Kind = IssuerKind.Oidc, Issuer = "https://petstore-partners.eu.auth0.com/",
        JwksUri = "https://petstore-partners.eu.auth0.com/.well-known/jwks.json",
        Audiences = ["https://api.petstore.example"], ClientIds = [Auth0SpaClient], RequiredScope = "petstore:api", AccessTokenType = "at+jwt",
        GroupsClaim = ["permissions"], GroupMapping = Mapping, TenantClaim = ["org_id"], Groups = [Groups.Customers, Groups.Employees],
        MachineToken = new() { Claim = "gty", Value = "client-credentials" },
    };

    public static readonly TrustedIssuer Entra = new()
    {
        Name = "Contoso", Kind = IssuerKind.Oidc, Issuer = "https://login.microsoftonline.com/72f988bf-0000-0000-0000-2d7cd011db47/v2.0",
        JwksUri = "https://login.microsoftonline.com/72f988bf-0000-0000-0000-2d7cd011db47/discovery/v2.0/keys",
        Audiences = ["6e74172b-be56-4843-9ff4-e66a39bb12e3"], ClientIds = ["a1b2c3d4-0000-0000-0000-000000000001"], RequiredScope = "Pets.Access",
        RequiredClaims = new Dictionary<string, string> { ["ver"] = "2.0" },
        GroupsClaim = ["roles"], GroupMapping = Mapping, Groups = Groups.All,
        // Tenants by their app (azp), not their directory (tid, the same in every token of a single-directory issuer).
        TenantClaim = ["azp"], MachineToken = new() { Claim = "idtyp", Value = "app" },
    };

    public static readonly TrustedIssuer Okta = new()
    {
        Name = "Initech", Kind = IssuerKind.Oidc, Issuer = "https://initech.okta.com/oauth2/default",
        Audiences = ["api://petstore"], ClientIds = ["0oa1okta"], RequiredScope = "petstore",
        GroupsClaim = ["groups"], GroupMapping = Mapping, Groups = Groups.All,
        MachineToken = new() { Claim = "sub", EqualsClient = true },
    };

    public static readonly TrustedIssuer Keycloak = new()
    {
        Name = "Umbrella", Kind = IssuerKind.Oidc, Issuer = "https://sso.umbrella.example/realms/partners",
        JwksUri = "https://sso.umbrella.example/realms/partners/protocol/openid-connect/certs",
        Audiences = ["petstore-api"], ClientIds = ["petstore-web"], RequiredScope = "petstore",
        RequiredClaims = new Dictionary<string, string> { ["typ"] = "Bearer" },
        GroupsClaim = ["realm_access", "roles"], GroupMapping = Mapping, TenantClaim = ["tenant"], Groups = Groups.All,
        MachineToken = new() { Claim = "client_id", EqualsClient = true },
    };

    private readonly TestTokens _auth0 = new("auth0-key", Auth0);
    private readonly TestTokens _entra = new("entra-key", Entra);
    private readonly TestTokens _okta = new("okta-key", Okta);
    private readonly TestTokens _keycloak = new("keycloak-key", Keycloak);
    private readonly TestTokens _cognito = new();
    private readonly AccessTokenValidator _validator;

    public OidcTokenShapesTests() =>
        _validator = new AccessTokenValidator([_cognito.Pool, Auth0, Entra, Okta, Keycloak],
            new JwksCache(new HttpClient(new JwksServer(_cognito, _auth0, _entra, _okta, _keycloak)), TimeProvider.System));

    public static Dictionary<string, object> Auth0Claims(string? orgId = "org_acme", string[]? permissions = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "Xy7mK2@clients", ["azp"] = "Xy7mK2", ["gty"] = "client-credentials",
            ["aud"] = new[] { "https://api.petstore.example", "https://petstore-partners.eu.auth0.com/userinfo" },
            ["scope"] = "petstore:api read:pets", ["permissions"] = permissions ?? ["pets-writer"],
        };
        if (orgId is not null) claims["org_id"] = orgId;
        return claims;
    }

    private static Dictionary<string, object> EntraClaims() => new()
    {
        ["sub"] = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ", ["oid"] = "00000000-0000-0000-66f3-3332eca7ea81",
        ["aud"] = "6e74172b-be56-4843-9ff4-e66a39bb12e3", ["azp"] = "a1b2c3d4-0000-0000-0000-000000000001",
        ["scp"] = "Pets.Access User.Read", ["roles"] = new[] { "store-owner" }, ["tid"] = "72f988bf-0000-0000-0000-2d7cd011db47",
        ["ver"] = "2.0", ["preferred_username"] = "olivia@contoso.example",
    };

    private static Dictionary<string, object> OktaClaims() => new()
    {
        ["sub"] = "olivia@initech.example", ["uid"] = "00u1", ["cid"] = "0oa1okta", ["aud"] = "api://petstore",
        ["scp"] = new[] { "openid", "petstore" }, ["groups"] = new[] { "pets-reader", "Everyone" }, ["ver"] = 1,
    };

    private static Dictionary<string, object> KeycloakClaims() => new()
    {
        ["sub"] = "f1c2", ["typ"] = "Bearer", ["azp"] = "petstore-web", ["aud"] = new[] { "petstore-api", "account" },
        ["scope"] = "openid petstore profile", ["preferred_username"] = "sam",
        ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "pets-writer", "offline_access" } },
    };

    [Fact]
    public async Task An_Auth0_machine_token_is_a_tenant_with_its_permissions_mapped()
    {
        var identity = await _validator.ValidateAsync(_auth0.Mint(Auth0Claims(), typ: "at+jwt"));

        Assert.Equal("Partners", identity.Issuer.Name);
        Assert.Equal("Partners|Xy7mK2@clients", identity.PrincipalId);
        Assert.Equal([Groups.Employees], identity.Groups);
        Assert.Equal("Partners|org_acme", identity.TenantKey);
    }

    /// <summary>An Auth0 user's access token through the SPA; Auth0 adds <c>org_id</c> when the user signs in to an organization.</summary>
    public static Dictionary<string, object> Auth0PersonClaims(string? orgId = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "auth0|64f1c2", ["azp"] = Auth0SpaClient,
            ["aud"] = new[] { "https://api.petstore.example", "https://petstore-partners.eu.auth0.com/userinfo" },
            ["scope"] = "openid profile petstore:api", ["permissions"] = new[] { "pets-reader" },
        };
        if (orgId is not null) claims["org_id"] = orgId;
        return claims;
    }

    [Fact]
    public async Task An_Auth0_token_for_a_person_has_no_tenant_even_signed_in_to_an_organization()
    {
        foreach (var orgId in new[] { null, "org_acme" })
        {
            var identity = await _validator.ValidateAsync(_auth0.Mint(Auth0PersonClaims(orgId), typ: "at+jwt"));
            Assert.Null(identity.TenantKey);
            Assert.Equal([Groups.Customers], identity.Groups);
        }
    }

    [Fact]
    public async Task An_Auth0_machine_token_without_its_tenant_claim_is_refused_not_taken_for_a_person()
    {
        // Auth0 issues a client-credentials token without org_id when the grant allows no organization: still a machine.
        var refused = await Assert.ThrowsAsync<TokenRejectedException>(() => _validator.ValidateAsync(_auth0.Mint(Auth0Claims(orgId: null), typ: "at+jwt")));
        Assert.Contains("names no tenant in org_id", refused.Message);
    }

    [Fact]
    public async Task A_person_through_an_app_that_is_not_a_people_client_is_refused_not_taken_for_a_tenant()
    {
        // A delegated (user) Entra token from an app other than the SPA, e.g. a tool the directory consented for Pets.Access.
        var claims = EntraClaims();
        claims["azp"] = "some-other-app";
        claims["idtyp"] = "user";
        var refused = await Assert.ThrowsAsync<TokenRejectedException>(() => _validator.ValidateAsync(_entra.Mint(claims)));
        Assert.Contains("not one of Contoso's people clients", refused.Message);
    }

    [Fact]
    public async Task An_Entra_ID_v2_token_from_the_configured_app_is_a_person_with_app_roles_as_groups()
    {
        var identity = await _validator.ValidateAsync(_entra.Mint(EntraClaims()));

        Assert.Equal([Groups.Owners], identity.Groups);
        Assert.Equal("olivia@contoso.example", identity.Username);
        // Its client is a configured app client: a person, though every Entra token names its directory in tid.
        Assert.Null(identity.TenantKey);
    }

    /// <summary>An Entra ID v2 app-only token (client credentials) of a partner's app, with the <c>idtyp</c> optional claim.</summary>
    private static Dictionary<string, object> EntraAppOnlyClaims(string app) => new()
    {
        ["sub"] = $"sp-{app}", ["oid"] = $"sp-{app}", ["azp"] = app, ["idtyp"] = "app",
        ["aud"] = "6e74172b-be56-4843-9ff4-e66a39bb12e3", ["roles"] = new[] { "pets-reader" }, ["tid"] = "72f988bf-0000-0000-0000-2d7cd011db47", ["ver"] = "2.0",
    };

    [Fact]
    public async Task Entra_ID_app_only_tokens_are_tenants_by_their_app_not_their_directory()
    {
        // App-only tokens carry no scp: such a provider admits them by audience and roles.
        var validator = new AccessTokenValidator([Entra with { RequiredScope = null }], new JwksCache(new HttpClient(new JwksServer(_entra)), TimeProvider.System));

        var first = await validator.ValidateAsync(_entra.Mint(EntraAppOnlyClaims("partner-one-app")));
        var second = await validator.ValidateAsync(_entra.Mint(EntraAppOnlyClaims("partner-two-app")));

        // Every token of a single-directory issuer carries that directory's tid; each partner's app is its own tenant.
        Assert.Equal("Contoso|partner-one-app", first.TenantKey);
        Assert.Equal("Contoso|partner-two-app", second.TenantKey);
    }

    [Fact]
    public async Task An_Okta_token_reads_cid_and_an_array_scp_and_ignores_unmapped_groups()
    {
        var identity = await _validator.ValidateAsync(_okta.Mint(OktaClaims()));
        Assert.Equal([Groups.Customers], identity.Groups);
        Assert.Equal("olivia@initech.example", identity.Username);
    }

    [Fact]
    public async Task A_Keycloak_token_reads_nested_realm_roles()
    {
        var identity = await _validator.ValidateAsync(_keycloak.Mint(KeycloakClaims()));
        Assert.Equal([Groups.Employees], identity.Groups);
        Assert.Equal("Umbrella|f1c2", identity.PrincipalId);
    }

    [Fact]
    public async Task Groups_outside_what_the_issuer_may_grant_are_ignored()
    {
        // Auth0 here may grant customers and employees only.
        var identity = await _validator.ValidateAsync(_auth0.Mint(Auth0Claims(permissions: ["store-owner", "pets-reader", "owners"]), typ: "at+jwt"));
        Assert.Equal([Groups.Customers], identity.Groups);
    }

    [Fact]
    public async Task A_groups_claim_of_another_type_grants_nothing()
    {
        var claims = KeycloakClaims();
        claims["realm_access"] = new Dictionary<string, object> { ["roles"] = "pets-writer" };
        Assert.Equal([Groups.Employees], (await _validator.ValidateAsync(_keycloak.Mint(claims))).Groups);
        claims["realm_access"] = new Dictionary<string, object> { ["roles"] = new Dictionary<string, object> { ["pets-writer"] = true } };
        Assert.Empty((await _validator.ValidateAsync(_keycloak.Mint(claims))).Groups);
        claims.Remove("realm_access");
        Assert.Empty((await _validator.ValidateAsync(_keycloak.Mint(claims))).Groups);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "wrong audience", "not issued for this API's audience" },
        { "audience is the client (an ID token)", "not issued for this API's audience" },
        { "missing scope", "missing the petstore:api scope" },
        { "no at+jwt header", "header typ is not at+jwt" },
        { "a nonce", "carries a nonce" },
        { "token_use id", "not an access token" },
        { "two clients", "names two different clients" },
        { "unknown issuer", "is not trusted" },
        { "signed by another key under its key id", "invalid signature" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_wrong_Auth0_token_is_refused(string change, string reason)
    {
        var claims = Auth0Claims();
        string? typ = "at+jwt", issuer = null;
        var tokens = _auth0;
        switch (change)
        {
            case "wrong audience": claims["aud"] = new[] { "https://another.api.example" }; break;
            case "audience is the client (an ID token)": claims["aud"] = "Xy7mK2"; break;
            case "missing scope": claims["scope"] = "read:pets"; break;
            case "no at+jwt header": typ = "JWT"; break;
            case "a nonce": claims["nonce"] = "n-0S6_WzA2Mj"; break;
            case "token_use id": claims["token_use"] = "id"; break;
            case "two clients": claims["client_id"] = "SomeoneElse"; break;
            case "unknown issuer": issuer = "https://evil.eu.auth0.com/"; break;
            case "signed by another key under its key id": tokens = new TestTokens("auth0-key", Auth0); break;
        }
        var rejected = await Assert.ThrowsAsync<TokenRejectedException>(() => _validator.ValidateAsync(tokens.Mint(claims, typ: typ, issuer: issuer)));
        Assert.Contains(reason, rejected.Message);
    }

    [Fact]
    public async Task A_Keycloak_ID_token_is_refused_by_its_typ_claim()
    {
        var claims = KeycloakClaims();
        claims["typ"] = "ID";
        Assert.Contains("claim typ is not 'Bearer'", (await Assert.ThrowsAsync<TokenRejectedException>(() => _validator.ValidateAsync(_keycloak.Mint(claims)))).Message);
    }

    [Fact]
    public async Task An_Entra_v1_token_is_refused_by_its_version()
    {
        var claims = EntraClaims();
        claims["ver"] = "1.0";
        Assert.Contains("claim ver is not '2.0'", (await Assert.ThrowsAsync<TokenRejectedException>(() => _validator.ValidateAsync(_entra.Mint(claims)))).Message);
    }

    [Fact]
    public async Task A_token_from_an_unlisted_client_of_an_issuer_without_tenants_is_refused()
    {
        // Okta here lists its app client and names no tenant claim: a person through another client is not trusted,
        var claims = OktaClaims();
        claims["cid"] = "0oa-other";
        Assert.Contains("not trusted", (await Assert.ThrowsAsync<TokenRejectedException>(() => _validator.ValidateAsync(_okta.Mint(claims)))).Message);
        // and a machine client (Okta: sub is the client id) is no tenant of an issuer without tenants.
        claims["sub"] = "0oa-other";
        Assert.Contains("has no tenants", (await Assert.ThrowsAsync<TokenRejectedException>(() => _validator.ValidateAsync(_okta.Mint(claims)))).Message);
    }

    [Fact]
    public async Task A_Cognito_token_is_not_accepted_in_place_of_an_OIDC_one_and_the_reverse()
    {
        // A Cognito-shaped token claiming Auth0's issuer is signed by a key Auth0 does not publish; an Auth0-shaped
        // token claiming the pool's issuer has no token_use.
        await Assert.ThrowsAsync<TokenRejectedException>(() => _validator.ValidateAsync(_cognito.Access(issuer: Auth0.Issuer)));
        Assert.Contains("not an access token", (await Assert.ThrowsAsync<TokenRejectedException>(() =>
            _validator.ValidateAsync(_cognito.Mint(Auth0Claims())))).Message);
    }

    [Fact]
    public async Task Keys_are_found_by_discovery_when_no_JWKS_URL_is_configured()
    {
        // Okta is configured without jwksUri: the validator reads its discovery document first.
        var server = new JwksServer(_okta);
        var validator = new AccessTokenValidator([Okta], new JwksCache(new HttpClient(server), TimeProvider.System));
        await validator.ValidateAsync(_okta.Mint(OktaClaims()));
        Assert.Equal(2, server.Fetches);

        // A discovery document naming another issuer could hand out another issuer's keys: refused, as a fetch failure.
        var lying = new JwksServer(_okta);
        lying.Overrides[Okta.DiscoveryUri.ToString()] = """{"issuer":"https://evil.example/","jwks_uri":"https://initech.okta.com/oauth2/default/discovered/jwks.json"}""";
        var misled = new AccessTokenValidator([Okta], new JwksCache(new HttpClient(lying), TimeProvider.System));
        Assert.Contains("names issuer 'https://evil.example/'",
            (await Assert.ThrowsAsync<HttpRequestException>(() => misled.ValidateAsync(_okta.Mint(OktaClaims())))).Message);
    }
}
