using PetStore.Contract;
using System.Net;
using Microsoft.IdentityModel.Tokens;
using PetStore.Lambdas.Authorizer;
using PetStore.Aws;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Authorizer;

public class PolicyAuthorizerTests
{
    private const string PetId = "0198f3a2-7b7c-7d1e-9f00-0123456789ab";
    private const string MethodArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/DELETE/pets/" + PetId;
    private readonly TestTokens _tokens = new();
    private readonly FakeVerifiedPermissions _avp = new();
    private readonly RecordingLog _log = new();
    private readonly JwksServer _jwks;
    private readonly PolicyAuthorizer _authorizer;

    public PolicyAuthorizerTests()
    {
        _jwks = new JwksServer(_tokens);
        var validator = new AccessTokenValidator([_tokens.Pool], new JwksCache(new HttpClient(_jwks), TimeProvider.System));
        _authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), _log.Log);
    }

    /// <summary>A request to a policy route: by default, deleting a pet.</summary>
    private static AuthorizerEvent Event(string? authorization, string method = "DELETE", string resource = "/pets/{petId}",
        string methodArn = MethodArn, Dictionary<string, string>? pathParameters = null) => new()
    {
        Type = "REQUEST",
        MethodArn = methodArn,
        Resource = resource,
        HttpMethod = method,
        Headers = authorization is null ? new() : new() { ["authorization"] = authorization },
        PathParameters = pathParameters ?? (resource == "/pets/{petId}" ? new() { ["petId"] = PetId } : null),
        RequestContext = new AuthorizerRequestContext { RequestId = "req-1" },
    };

    private Task<AuthorizerResponse> Authorize(string? authorization, string method = "DELETE", string resource = "/pets/{petId}",
        string methodArn = MethodArn, Dictionary<string, string>? pathParameters = null) =>
        _authorizer.AuthorizeAsync(Event(authorization, method, resource, methodArn, pathParameters));

    [Fact]
    public async Task An_allowed_employee_gets_an_Allow_policy_on_the_method_and_context_for_the_handler()
    {
        var response = await Authorize($"Bearer {_tokens.Access(groups: ["employees"])}");

        Assert.True(response.IsAllow);
        var statement = Assert.Single(response.PolicyDocument.Statement);
        Assert.Equal("execute-api:Invoke", statement.Action);
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/DELETE/*pets/*", statement.Resource);
        Assert.Equal($"{TestTokens.PoolId}|sub-1", response.PrincipalId);
        Assert.Equal("employees", response.Context["groups"]);
        Assert.Equal("alice", response.Context["username"]);
        Assert.Equal("Users", response.Context["provider"]);
    }

    public static TheoryData<string, object?, string> StoreClaims => new()
    {
        { "comma-separated", "uptown,downtown", "downtown,uptown" },
        { "an array", new[] { "uptown" }, "uptown" },
        { "none", null, "" },
        { "entries that are no store id are dropped, never read some other way", "Downtown, uptown,,up town,uptown", "uptown" },
        { "not a string or an array", 7, "" },
    };

    [Theory]
    [MemberData(nameof(StoreClaims))]
    public async Task The_stores_a_person_works_in_come_from_the_token_and_reach_the_handler(string _, object? claim, string expected)
    {
        var response = await Authorize($"Bearer {_tokens.Access(groups: ["employees"], stores: claim)}", "PATCH", "/pets/{petId}",
            "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/PATCH/pets/" + PetId);

        Assert.True(response.IsAllow);
        Assert.Equal(expected, response.Context["stores"]);
        Assert.Equal("person", response.Context["kind"]);
        // Decided by the handler on the pet, not here.
        Assert.Empty(_avp.Requests);
        var principal = CallerPrincipal.FromContext(new Dictionary<string, System.Text.Json.JsonElement>(
            response.Context.Select(c => KeyValuePair.Create(c.Key, System.Text.Json.JsonSerializer.SerializeToElement(c.Value))))
        {
            ["principalId"] = System.Text.Json.JsonSerializer.SerializeToElement(response.PrincipalId),
        });
        Assert.Equal(CallerPrincipal.From(await new AccessTokenValidator([_tokens.Pool], new JwksCache(new HttpClient(_jwks), TimeProvider.System))
            .ValidateAsync(_tokens.Access(groups: ["employees"], stores: claim))) with { Groups = principal!.Groups, Stores = principal.Stores }, principal);
        Assert.Equal(expected, string.Join(',', principal.Stores));
    }

    [Fact]
    public async Task The_request_to_Verified_Permissions_names_the_user_its_groups_the_action_and_the_application()
    {
        await Authorize($"Bearer {_tokens.Access(groups: ["owners", "employees"])}", "GET", "/admin/{proxy+}",
            "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/admin/reports/2026",
            new() { ["proxy"] = "reports/2026" });

        var request = Assert.Single(_avp.Requests);
        Assert.Equal("ps-1", request.PolicyStoreId);
        Assert.Equal(new EntityIdentifier("PetStore::User", $"{TestTokens.PoolId}|sub-1"), request.Principal);
        Assert.Equal(new ActionIdentifier("PetStore::Action", "get /admin/{proxy+}"), request.Action);
        Assert.Equal(new EntityIdentifier("PetStore::Application", "PetStore"), request.Resource);
        Assert.Equal("reports/2026", request.Context.ContextMap["pathParameters"].Record!["proxy"].String);
        var user = request.Entities.EntityList.Single(e => e.Identifier == request.Principal);
        Assert.Equal(["employees", "owners"], user.Parents.Select(p => p.EntityId));
        Assert.All(user.Parents, p => Assert.Equal("PetStore::UserGroup", p.EntityType));
    }

    [Fact]
    public async Task On_a_cached_route_the_answer_covers_every_path_of_the_route_because_API_Gateway_reuses_it_for_them()
    {
        var response = await Authorize($"Bearer {_tokens.Access(groups: ["owners"])}", "DELETE", "/admin/{proxy+}",
            "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/DELETE/admin/a/b", new() { ["proxy"] = "a/b" });

        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/DELETE/*admin/*", response.PolicyDocument.Statement[0].Resource);
    }

    [Theory]
    [InlineData(PolicyScope.Request, "ANY /admin/{proxy+}")]
    [InlineData(PolicyScope.Route, "DELETE /pets/{petId}")]
    public async Task On_an_uncached_route_the_answer_covers_only_the_request_that_was_asked(PolicyScope otherRoutes, string uncached)
    {
        var scopes = TestScopes.All(otherRoutes).ToDictionary(s => s.Key, s => s.Key.ToString() == uncached ? PolicyScope.Request : s.Value);
        var validator = new AccessTokenValidator([_tokens.Pool], new JwksCache(new HttpClient(_jwks), TimeProvider.System));
        var authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", scopes, _log.Log);
        var route = RouteTable.All.Single(r => r.ToString() == uncached);
        var parameters = route.PathParameters.ToDictionary(p => p, p => p == "petId" ? PetId : "reports/q1");
        var arn = $"arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/DELETE{(route.Path == "/pets/{petId}" ? "/pets/" + PetId : "/admin/reports/q1")}";

        var allow = await authorizer.AuthorizeAsync(Event($"Bearer {_tokens.Access(groups: ["owners"])}", "DELETE", route.Path, arn, parameters));
        _avp.Decision = IsAuthorizedResponse.Deny;
        var deny = await authorizer.AuthorizeAsync(Event($"Bearer {_tokens.Access(groups: ["owners"])}", "DELETE", route.Path, arn, parameters));

        Assert.Equal(arn, Assert.Single(allow.PolicyDocument.Statement).Resource);
        Assert.Equal(arn, Assert.Single(deny.PolicyDocument.Statement).Resource);
    }

    [Fact]
    public async Task A_route_without_a_configured_scope_gets_an_answer_for_the_request_only()
    {
        var validator = new AccessTokenValidator([_tokens.Pool], new JwksCache(new HttpClient(_jwks), TimeProvider.System));
        var authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", new Dictionary<Route, PolicyScope>(), _log.Log);

        var response = await authorizer.AuthorizeAsync(Event($"Bearer {_tokens.Access(groups: ["owners"])}"));

        Assert.Equal(MethodArn, response.PolicyDocument.Statement[0].Resource);
    }

    [Theory]
    [InlineData("/", "GET", "*")]
    [InlineData("/pets", "POST", "*pets*")]
    [InlineData("/pets/{petId}", "GET", "*pets/*")]
    [InlineData("/admin/{proxy+}", "PATCH", "*admin/*")]
    public void A_route_policy_is_the_route_with_wildcards_for_parameters_and_extra_slashes(string routePath, string verb, string pattern) =>
        Assert.Equal($"arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/{verb}/{pattern}",
            MethodArns.ForRoute($"arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/{verb}/x/y", routePath));

    public static TheoryData<string, string[], string, string> Provenances => new()
    {
        { IsAuthorizedResponse.Allow, ["employees-delete"], "permit", "employees-delete" },
        { IsAuthorizedResponse.Deny, ["no-deletes-on-sunday"], "forbid", "no-deletes-on-sunday" },
        { IsAuthorizedResponse.Deny, [], "no permit", "" },
    };

    [Theory]
    [MemberData(nameof(Provenances))]
    public async Task Every_answer_carries_the_policy_version_why_and_which_policies_decided(string decision, string[] determining, string reason, string policies)
    {
        var validator = new AccessTokenValidator([_tokens.Pool], new JwksCache(new HttpClient(_jwks), TimeProvider.System));
        var authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), _log.Log, policyVersion: "0123456789ab");
        (_avp.Decision, _avp.Determining) = (decision, determining);

        var answer = await authorizer.AuthorizeAsync(Event($"Bearer {_tokens.Access(groups: ["employees"])}"));
        var signedIn = await authorizer.AuthorizeAsync(Event($"Bearer {_tokens.Access(groups: ["employees"])}", "GET", "/pets", pathParameters: new()));

        Assert.Equal(("0123456789ab", reason, policies), (answer.Context["policyVersion"], answer.Context["reason"], answer.Context["policies"]));
        Assert.Equal(("0123456789ab", "token", ""), (signedIn.Context["policyVersion"], signedIn.Context["reason"], signedIn.Context["policies"]));
        Assert.Contains(_log.Lines, l => l.Contains($"\"reason\":\"{reason}\"") && l.Contains("\"policyVersion\":\"0123456789ab\""));
    }

    [Fact]
    public async Task A_denied_customer_gets_an_explicit_Deny()
    {
        _avp.Decision = IsAuthorizedResponse.Deny;
        var response = await Authorize($"Bearer {_tokens.Access(groups: ["customers"])}");

        Assert.False(response.IsAllow);
        Assert.Equal("Deny", response.PolicyDocument.Statement[0].Effect);
        Assert.Contains(_log.Lines, l => l.Contains("\"decision\":\"DENY\""));
    }

    [Fact]
    public async Task Any_decision_but_ALLOW_is_a_Deny()
    {
        _avp.Decision = "MAYBE";
        Assert.False((await Authorize($"Bearer {_tokens.Access()}")).IsAllow);
    }

    [Fact]
    public async Task A_route_that_is_not_a_policy_route_is_denied_without_asking()
    {
        var response = await Authorize($"Bearer {_tokens.Access(groups: ["owners"])}", "HEAD", "/admin/{proxy+}");

        Assert.False(response.IsAllow);
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task Groups_a_pool_is_not_trusted_with_never_reach_the_policies()
    {
        var customersOnly = new TestTokens("eu-west-1_Customers", "k2", "Customers", ["customers"]);
        var validator = new AccessTokenValidator([customersOnly.Pool], new JwksCache(new HttpClient(new JwksServer(customersOnly)), TimeProvider.System));
        var authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), _log.Log);

        await authorizer.AuthorizeAsync(Event($"Bearer {customersOnly.Access(groups: ["customers", "owners"])}"));

        var user = Assert.Single(_avp.Requests).Entities.EntityList[0];
        Assert.Equal(["customers"], user.Parents.Select(p => p.EntityId));
    }

    [Fact]
    public async Task Tokens_from_every_configured_pool_are_authorized_by_the_same_policies()
    {
        var staff = new TestTokens("eu-west-1_Staff", "staff-key", "Staff", ["employees", "owners"]);
        var validator = new AccessTokenValidator([_tokens.Pool, staff.Pool],
            new JwksCache(new HttpClient(new JwksServer(_tokens, staff)), TimeProvider.System));
        var authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), _log.Log);

        var fromStaff = await authorizer.AuthorizeAsync(Event($"Bearer {staff.Access(sub: "s-9", groups: ["owners"])}"));
        var fromUsers = await authorizer.AuthorizeAsync(Event($"Bearer {_tokens.Access(groups: ["employees"])}"));

        Assert.True(fromStaff.IsAllow);
        Assert.True(fromUsers.IsAllow);
        Assert.Equal("eu-west-1_Staff|s-9", _avp.Requests[0].Principal.EntityId);
        Assert.Equal("Staff", _avp.Requests[0].Entities.EntityList[0].Attributes["provider"].String);
        Assert.Equal("Users", _avp.Requests[1].Entities.EntityList[0].Attributes["provider"].String);
    }

    public static TheoryData<string, string?> MissingOrMalformed => new()
    {
        { "no header", null },
        { "empty", "" },
        { "no scheme", "eyJhbGciOi.x.y" },
        { "basic scheme", "Basic dXNlcjpwYXNz" },
        { "bearer without token", "Bearer " },
        { "two tokens", "Bearer a.b.c d.e.f" },
        { "not a JWT", "Bearer not-a-jwt" },
        { "garbage segments", "Bearer aaa.bbb.ccc" },
    };

    [Theory]
    [MemberData(nameof(MissingOrMalformed))]
    public async Task No_or_a_malformed_token_is_401(string _, string? authorization)
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize(authorization));
        Assert.Equal("Unauthorized", error.Message);
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {_tokens.Access(expires: DateTime.UtcNow.AddMinutes(-1))}"));
        Assert.Contains(_log.Lines, l => l.Contains("\"reason\":\"expired\""));
    }

    [Fact]
    public async Task A_token_from_an_untrusted_issuer_is_401()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() =>
            Authorize($"Bearer {_tokens.Access(issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Evil")}"));
    }

    [Fact]
    public async Task A_token_for_another_app_client_is_401()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {_tokens.Access(clientId: "someone-else")}"));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var impostor = new TestTokens(keyId: "key-1");
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {impostor.Access(issuer: _tokens.Pool.Issuer)}"));
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {_tokens.Tampered()}"));
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_401()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {_tokens.Unsigned(["owners"])}"));
        Assert.Empty(_avp.Requests);
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_the_public_key_is_401()
    {
        var publicKeyBytes = _tokens.SigningKey.Rsa.ExportSubjectPublicKeyInfo();
        var hmac = new SigningCredentials(new SymmetricSecurityKey(publicKeyBytes) { KeyId = "key-1" }, SecurityAlgorithms.HmacSha256);
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {_tokens.Access(signWith: hmac)}"));
    }

    [Fact]
    public async Task An_id_token_is_401()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {_tokens.Access(tokenUse: "id")}"));
    }

    [Fact]
    public async Task A_token_without_the_API_scope_is_401()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {_tokens.Access(scope: "aws.cognito.signin.user.admin")}"));
    }

    [Fact]
    public async Task Tokens_never_appear_in_logs()
    {
        var token = _tokens.Access(groups: ["owners"]);
        await Authorize($"Bearer {token}");
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"Bearer {_tokens.Access(clientId: "x")}"));
        Assert.DoesNotContain(token.Split('.')[2], _log.Text);
        Assert.DoesNotContain("eyJ", _log.Text);
    }

    [Theory]
    [InlineData("AccessDeniedException")]
    [InlineData("ThrottlingException")]
    [InlineData("InternalServerException")]
    public async Task A_Verified_Permissions_error_never_allows(string error)
    {
        _avp.Failure = new AwsServiceException(error, "boom", HttpStatusCode.BadRequest);

        await Assert.ThrowsAsync<AuthorizationUnavailableException>(() => Authorize($"Bearer {_tokens.Access(groups: ["owners"])}"));

        Assert.Contains(_log.Lines, l => l.Contains("\"level\":\"ERROR\"") && l.Contains(error));
    }

    [Fact]
    public async Task A_Verified_Permissions_timeout_never_allows()
    {
        _avp.Failure = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout");
        await Assert.ThrowsAsync<AuthorizationUnavailableException>(() => Authorize($"Bearer {_tokens.Access(groups: ["owners"])}"));
    }

    [Fact]
    public async Task Unreachable_signing_keys_never_allow()
    {
        _jwks.Down = true;
        await Assert.ThrowsAsync<AuthorizationUnavailableException>(() => Authorize($"Bearer {_tokens.Access(groups: ["owners"])}"));
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_and_again_only_for_an_unknown_key_id()
    {
        var clock = new ManualClock();
        var validator = new AccessTokenValidator([_tokens.Pool], new JwksCache(new HttpClient(_jwks), clock));
        var authorizer = new PolicyAuthorizer(validator, _avp, "ps-1", TestScopes.All(PolicyScope.Route), _log.Log);

        for (var i = 0; i < 3; i++) await authorizer.AuthorizeAsync(Event($"Bearer {_tokens.Access(groups: ["owners"])}"));
        Assert.Equal(1, _jwks.Fetches);

        // Cognito rotated its key: the new kid is unknown until a refetch, which is rate-limited.
        var rotated = new TestTokens(keyId: "key-2");
        _jwks.Overrides[_tokens.Pool.KeySetUri!.ToString()] = rotated.Jwks();
        await Assert.ThrowsAsync<UnauthorizedException>(() => authorizer.AuthorizeAsync(Event($"Bearer {rotated.Access()}")));
        Assert.Equal(1, _jwks.Fetches);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await authorizer.AuthorizeAsync(Event($"Bearer {rotated.Access(groups: ["owners"])}"))).IsAllow);
        Assert.Equal(2, _jwks.Fetches);
    }

    // One spelling per token: the whole header is API Gateway's cache key, so "bearer x" and "BEARER x" would each be
    // a new Verified Permissions call for the same token. Clients send "Bearer"; nothing else is accepted.
    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", null)]
    [InlineData("BEARER abc", null)]
    [InlineData("Bearer  abc", null)]
    [InlineData("Bearer abc ", null)]
    [InlineData(" Bearer abc", null)]
    [InlineData("Bearerabc", null)]
    public void The_bearer_scheme_is_read_strictly(string header, string? token) =>
        Assert.Equal(token, PolicyAuthorizer.BearerToken(header));

    [Fact]
    public async Task Another_spelling_of_the_scheme_is_401_and_the_log_says_why()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize($"bearer {_tokens.Access(groups: ["owners"])}"));
        Assert.Empty(_avp.Requests);
        Assert.Contains(_log.Lines, l => l.Contains("\"reason\":\"the Authorization header is not 'Bearer <token>'\""));
    }
}
