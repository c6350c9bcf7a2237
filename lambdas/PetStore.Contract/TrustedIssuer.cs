using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Contract;

/// <summary>
/// One identity provider whose access tokens the API accepts: the authorizer validates its tokens, the users function
/// signs in to it (Cognito only), local mode and the tests describe theirs with it. Written once by the CDK app (or local
/// mode) into <see cref="FunctionVariables.TrustedIssuers"/> and read back by <see cref="TrustedIssuers.Parse"/>.
/// (The optional lists have setters: source-generated JSON gives an absent init-only member its default, not its initializer.)
/// </summary>
public sealed record TrustedIssuer
{
    /// <summary>The configured name (cdk.json <c>userPools[].name</c> or <c>oidcProviders[].name</c>): the Cedar principal's <c>provider</c>.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("kind")] public required IssuerKind Kind { get; init; }

    /// <summary>The exact <c>iss</c> of its tokens (Cognito: <c>https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;poolId&gt;</c>).</summary>
    [JsonPropertyName("issuer")] public required string Issuer { get; init; }

    /// <summary>The key set; when absent, Cognito's well-known path, or OIDC discovery (<c>&lt;issuer&gt;/.well-known/openid-configuration</c>).</summary>
    [JsonPropertyName("jwksUri")] public string? JwksUri { get; init; }

    /// <summary>Cognito only: the pool id, the first part of its users' principal ids and the pool POST /login signs in to.</summary>
    [JsonPropertyName("userPoolId")] public string? UserPoolId { get; init; }

    /// <summary>
    /// The clients people sign in through (Cognito: the pool's API client). A person's token from any other client is
    /// refused. Required with <see cref="TenantClaim"/>; without either, the audience alone admits people.
    /// </summary>
    [JsonPropertyName("clientIds")] public IReadOnlyList<string> ClientIds { get; set; } = [];

    /// <summary>OIDC: the API's audience values; a token's <c>aud</c> (string or array) must contain one.</summary>
    [JsonPropertyName("audiences")] public IReadOnlyList<string> Audiences { get; set; } = [];

    /// <summary>The scope every token must carry (in <c>scope</c> or <c>scp</c>); null only for an OIDC issuer whose audience alone grants the API.</summary>
    [JsonPropertyName("requiredScope")] public string? RequiredScope { get; init; }

    /// <summary>OIDC: the header <c>typ</c> access tokens carry (<c>at+jwt</c>, RFC 9068), if the provider sets one.</summary>
    [JsonPropertyName("accessTokenType")] public string? AccessTokenType { get; init; }

    /// <summary>OIDC: claims an access token must carry with exactly these string values (Keycloak <c>typ</c>: <c>Bearer</c>).</summary>
    [JsonPropertyName("requiredClaims")] public IReadOnlyDictionary<string, string> RequiredClaims { get; set; } = new Dictionary<string, string>();

    /// <summary>The claim holding groups, as a path into the payload (<c>["cognito:groups"]</c>, <c>["realm_access","roles"]</c>).</summary>
    [JsonPropertyName("groupsClaim")] public IReadOnlyList<string> GroupsClaim { get; set; } = [];

    /// <summary>The provider's group values to the API's groups; empty: the values are the API's group names.</summary>
    [JsonPropertyName("groupMapping")] public IReadOnlyDictionary<string, string> GroupMapping { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// The claim holding a machine client's tenant id, as a path; none: the issuer has no tenants. Read only from a
    /// machine token (<see cref="MachineToken"/>), never from a person's.
    /// </summary>
    [JsonPropertyName("tenantClaim")] public IReadOnlyList<string> TenantClaim { get; set; } = [];

    /// <summary>
    /// The claim holding the stores a person works in, as a path: comma-separated store ids, or an array of them
    /// (<see cref="TokenClaims.StoreIds"/>); none, or a token without it: no stores.
    /// </summary>
    [JsonPropertyName("storesClaim")] public IReadOnlyList<string> StoresClaim { get; set; } = [];

    /// <summary>
    /// OIDC, required: how the provider's client-credentials tokens are told from people's. Cognito's is implied
    /// (<see cref="MachineTokenRule.SubjectIsClient"/>).
    /// </summary>
    [JsonPropertyName("machineToken")] public MachineTokenRule? MachineToken { get; init; }

    /// <summary>The API groups this issuer is trusted to grant; any other group in its tokens is ignored.</summary>
    [JsonPropertyName("groups")] public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>
    /// A Cognito pool of the Identity stack (or local mode's stand-in for one): people through its API client, with the API
    /// scope and <c>cognito:groups</c>; with tenants, a client-credentials token (its <c>sub</c> is its <c>client_id</c>)
    /// of any other client is a tenant's machine client whose <c>client_id</c> is its registry tenant id.
    /// </summary>
    public static TrustedIssuer Cognito(string name, string issuer, string userPoolId, string apiClientId, IReadOnlyList<string> groups,
        bool acceptsTenants, string? jwksUri = null) => new()
    {
        Name = name,
        Kind = IssuerKind.Cognito,
        Issuer = issuer,
        JwksUri = jwksUri,
        UserPoolId = userPoolId,
        ClientIds = [apiClientId],
        RequiredScope = ApiScope.FullName,
        GroupsClaim = [CognitoClaims.Groups],
        TenantClaim = acceptsTenants ? [CognitoClaims.ClientId] : [],
        StoresClaim = [CognitoClaims.Stores],
        Groups = groups,
    };

    /// <summary>The rule that tells this issuer's machine tokens from people's: configured (OIDC) or Cognito's.</summary>
    [JsonIgnore] public MachineTokenRule? MachineRule => Kind == IssuerKind.Cognito ? MachineTokenRule.SubjectIsClient : MachineToken;

    /// <summary>
    /// Who a token of this issuer is, once its signature, issuer, expiry, audience and scope are checked: the one rule for
    /// people and tenants.
    /// <list type="bullet">
    /// <item>A machine token (<see cref="MachineRule"/>) is a tenant's, and only that: it must carry the tenant claim,
    /// come from an issuer with tenants and from a client that is not a people client, and carry no person's claim
    /// (<see cref="TokenClaims.PersonClaims"/>). Whether the tenant is registered and active is the registry's answer.</item>
    /// <item>Any other token is a person's, never a tenant's even if it carries the tenant claim (Auth0 puts
    /// <c>org_id</c> in people's tokens too), and must come from one of <see cref="ClientIds"/> if any are listed.</item>
    /// </list>
    /// </summary>
    public Caller Classify(JsonElement claims, string? client)
    {
        if (MachineRule is not { } rule) return Caller.Refused($"{Name} has no machineToken rule, so its tokens cannot be told apart");
        var isPeopleClient = client is not null && ClientIds.Contains(client);
        if (!rule.Matches(claims, client))
            return ClientIds.Count == 0 || isPeopleClient
                ? Caller.Person
                : Caller.Refused($"a person's token from client '{client}', which is not one of {Name}'s people clients (not trusted)");

        if (TenantClaim.Count == 0) return Caller.Refused($"a machine client's token, and {Name} has no tenants");
        if (isPeopleClient) return Caller.Refused($"a machine token from {Name}'s people client '{client}'");
        if (TokenClaims.PersonClaims.FirstOrDefault(c => claims.TryGetProperty(c, out _)) is { } personClaim)
            return Caller.Refused($"a machine client's token that carries a person's claim ({personClaim})");
        return TokenClaims.Single(claims, TenantClaim) is { Length: > 0 } tenant
            ? Caller.Tenant(tenant)
            : Caller.Refused($"a machine client's token that names no tenant in {string.Join('.', TenantClaim)} (not trusted)");
    }

    /// <summary>Where the signing keys are, if configured or implied (Cognito); null means OIDC discovery.</summary>
    [JsonIgnore] public Uri? KeySetUri => JwksUri is { } uri ? new Uri(uri) : Kind == IssuerKind.Cognito ? new Uri($"{Issuer}/.well-known/jwks.json") : null;

    /// <summary>The OIDC discovery document (OpenID Connect Discovery 1.0 §4).</summary>
    [JsonIgnore] public Uri DiscoveryUri => new($"{Issuer.TrimEnd('/')}/.well-known/openid-configuration");

    /// <summary>
    /// The first part of a principal id (<c>&lt;prefix&gt;|&lt;sub&gt;</c>): a Cognito pool's id, as Verified Permissions'
    /// Cognito integration names users, or the provider's configured name.
    /// </summary>
    [JsonIgnore] public string PrincipalPrefix => Kind == IssuerKind.Cognito && UserPoolId is { } pool ? pool : Name;

    /// <summary>
    /// What is wrong with this description, each naming its key under <paramref name="at"/> (<c>TRUSTED_ISSUERS[1]</c>,
    /// <c>cdk.json: environments.dev.oidcProviders[0]</c>). CDK tokens (unresolved ids) are accepted as they are.
    /// </summary>
    public IEnumerable<string> Problems(string at)
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return $"{at}.name must not be empty";
        if (!IsIssuerUrl(Issuer)) yield return $"{at}.issuer must be an https URL (http only on 127.0.0.1 or localhost), not '{Issuer}'";
        if (JwksUri is { } jwks && !IsIssuerUrl(jwks)) yield return $"{at}.jwksUri must be an https URL (http only on 127.0.0.1 or localhost), not '{jwks}'";
        foreach (var group in Groups.Where(g => !Contract.Groups.All.Contains(g)))
            yield return $"{at}.groups: '{group}' is not one of {string.Join(", ", Contract.Groups.All)}";
        if (Groups.Count == 0) yield return $"{at}.groups must name at least one group it may grant";
        foreach (var (from, to) in GroupMapping.Where(m => !Groups.Contains(m.Value)))
            yield return $"{at}.groupMapping['{from}']: '{to}' is not one of the groups this issuer may grant ({string.Join(", ", Groups)})";
        if (GroupsClaim.Count == 0 || GroupsClaim.Any(string.IsNullOrEmpty)) yield return $"{at}.groupsClaim must be a path of one or more claim names";
        if (TenantClaim.Any(string.IsNullOrEmpty)) yield return $"{at}.tenantClaim must be a path of claim names (or empty for no tenants)";
        if (StoresClaim.Any(string.IsNullOrEmpty)) yield return $"{at}.storesClaim must be a path of claim names (or empty: its people work in no store)";
        if (MachineToken is { } machine)
            foreach (var problem in machine.Problems($"{at}.machineToken")) yield return problem;
        if (TenantClaim.Count > 0 && ClientIds.Count == 0)
            yield return $"{at}.clientIds must list the clients people sign in through: with tenantClaim set, a person's token is accepted only from them";
        foreach (var duplicate in ClientIds.Intersect(Audiences))
            yield return $"{at}: '{duplicate}' is both a client id and an audience; an ID token's audience is its client, so it would pass as an access token";
        switch (Kind)
        {
            case IssuerKind.Cognito:
                if (UserPoolId is null) yield return $"{at}.userPoolId is required for a Cognito issuer";
                if (ClientIds.Count == 0) yield return $"{at}.clientIds must name the pool's API client";
                if (RequiredScope != ApiScope.FullName) yield return $"{at}.requiredScope must be {ApiScope.FullName} for a Cognito issuer";
                if (Audiences.Count > 0 || AccessTokenType is not null || RequiredClaims.Count > 0)
                    yield return $"{at}: audiences, accessTokenType and requiredClaims are for OIDC issuers (Cognito access tokens are checked by token_use and client_id)";
                if (MachineToken is not null) yield return $"{at}.machineToken is for OIDC issuers (a Cognito machine token is one whose sub is its client_id)";
                break;
            case IssuerKind.Oidc:
                if (UserPoolId is not null) yield return $"{at}.userPoolId is only for Cognito issuers";
                if (Audiences.Count == 0 || Audiences.Any(string.IsNullOrWhiteSpace)) yield return $"{at}.audiences must list the API's audience values";
                if (RequiredScope is { Length: 0 } || RequiredScope?.Contains(' ') == true) yield return $"{at}.requiredScope must be one scope (or null)";
                if (MachineToken is null)
                    yield return $"{at}.machineToken is required: how the provider's client-credentials tokens are told from people's " +
                        """(Auth0 {"claim": "gty", "value": "client-credentials"}, Entra ID {"claim": "idtyp", "value": "app"}, Okta {"claim": "sub", "equalsClient": true})""";
                break;
        }
    }

    private static bool IsIssuerUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Fragment.Length == 0 && uri.Query.Length == 0 &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) ||
        // An unresolved CDK token (the pool's provider URL) is checked once CloudFormation resolves it.
        text.Contains("${Token[", StringComparison.Ordinal);
}
