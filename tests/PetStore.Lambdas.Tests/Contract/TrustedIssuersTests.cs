using PetStore.Contract;

namespace PetStore.Lambdas.Tests.Contract;

/// <summary>The one description of trusted issuers (TRUSTED_ISSUERS): read strictly, each problem naming its key.</summary>
public class TrustedIssuersTests
{
    private static readonly TrustedIssuer Auth0 = new()
    {
        Name = "Partners",
        Kind = IssuerKind.Oidc,
        Issuer = "https://petstore-partners.eu.auth0.com/",
        Audiences = ["https://api.petstore.example"],
        RequiredScope = "petstore:api",
        GroupsClaim = ["permissions"],
        GroupMapping = new Dictionary<string, string> { ["write:pets"] = Groups.Employees },
        TenantClaim = ["org_id"],
        ClientIds = ["spa"],
        MachineToken = new() { Claim = "gty", Value = "client-credentials" },
        Groups = [Groups.Customers, Groups.Employees],
    };

    private static readonly TrustedIssuer Pool = TrustedIssuer.Cognito("Users", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc",
        "eu-west-1_Abc", "client-1", Groups.All, acceptsTenants: true);

    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        var read = TrustedIssuers.Parse(TrustedIssuers.ToJson([Pool, Auth0]));

        Assert.Equal(2, read.Count);
        Assert.Equal(Auth0.GroupMapping, read[1].GroupMapping);
        Assert.Equal(Auth0 with { GroupMapping = read[1].GroupMapping, Audiences = read[1].Audiences, GroupsClaim = read[1].GroupsClaim,
            TenantClaim = read[1].TenantClaim, StoresClaim = read[1].StoresClaim, Groups = read[1].Groups, ClientIds = read[1].ClientIds, RequiredClaims = read[1].RequiredClaims }, read[1]);
        Assert.Equal(["client_id"], read[0].TenantClaim);
        Assert.Equal([CognitoClaims.Stores], read[0].StoresClaim);
        // Cognito's machine-token rule is implied, not written.
        Assert.Null(read[0].MachineToken);
        Assert.Equal(MachineTokenRule.SubjectIsClient, read[0].MachineRule);
        Assert.Equal(Auth0.MachineToken, read[1].MachineRule);
    }

    [Fact]
    public void Key_sets_are_Cognitos_well_known_path_or_discovered()
    {
        Assert.Equal(new Uri("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc/.well-known/jwks.json"), Pool.KeySetUri);
        Assert.Null(Auth0.KeySetUri);
        Assert.Equal(new Uri("https://petstore-partners.eu.auth0.com/.well-known/openid-configuration"), Auth0.DiscoveryUri);
        Assert.Equal(new Uri("https://keys.example/jwks"), (Auth0 with { JwksUri = "https://keys.example/jwks" }).KeySetUri);
    }

    [Theory]
    [InlineData("{}", "TRUSTED_ISSUERS")]
    [InlineData("[]", "at least one")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"],"color":"red"}]""", "color")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"groupsClaim":["g"]}]""", "groups")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"http://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"]}]""", "[0].issuer must be an https URL")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":[],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"]}]""", "[0].audiences")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groups":["admins"]}]""", "'admins' is not one of")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groupMapping":{"x":"owners"},"groups":["customers"]}]""", "groupMapping['x']")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["c1"],"clientIds":["c1"],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"]}]""", "both a client id and an audience")]
    [InlineData("""[{"name":"A","kind":"Cognito","issuer":"https://a.example/","clientIds":["c"],"requiredScope":"petstore/api","groupsClaim":["cognito:groups"],"groups":["owners"]}]""", "[0].userPoolId is required")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"]}]""", "[0].machineToken is required")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"],"machineToken":{"claim":"gty","value":"client-credentials"},"tenantClaim":["org_id"]}]""", "[0].clientIds must list the clients people sign in through")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"],"machineToken":{"claim":"gty","value":"client-credentials","equalsClient":true}}]""", "[0].machineToken needs exactly one of value")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"],"machineToken":{"claim":"sub"}}]""", "[0].machineToken needs exactly one of value")]
    [InlineData("""[{"name":"A","kind":"Oidc","issuer":"https://a.example/","audiences":["api"],"requiredScope":null,"groupsClaim":["g"],"groups":["owners"],"machineToken":{"value":"app"}}]""", "claim")]
    [InlineData("""[{"name":"A","kind":"Cognito","issuer":"https://a.example/","userPoolId":"p","clientIds":["c"],"requiredScope":"petstore/api","groupsClaim":["cognito:groups"],"groups":["owners"],"machineToken":{"claim":"gty","value":"client-credentials"}}]""", "[0].machineToken is for OIDC issuers")]
    [InlineData("""[{"name":"A","kind":"Sso","issuer":"https://a.example/","groupsClaim":["g"],"groups":["owners"]}]""", "kind")]
    public void A_bad_description_is_refused_naming_the_key(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidOperationException>(() => TrustedIssuers.Parse(json)).Message);

    [Fact]
    public void Two_issuers_with_one_iss_are_refused() =>
        Assert.Contains("configured more than once", Assert.Throws<InvalidOperationException>(() =>
            TrustedIssuers.Parse(TrustedIssuers.ToJson([Auth0, Auth0 with { Name = "Again" }]))).Message);
}
