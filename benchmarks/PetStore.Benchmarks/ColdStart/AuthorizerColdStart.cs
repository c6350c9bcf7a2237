using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Testing;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>
/// The authorizer on POST /pets for an employee: token validation with a JWKS fetch, one SigV4-signed Verified
/// Permissions call to a stand-in that checks the signature and allows.
/// </summary>
public sealed class AuthorizerColdStart : ColdStartFunction
{
    private readonly AuthorizerEndpoints _endpoints;

    public AuthorizerColdStart(string region)
    {
        var tokens = new TestTokens();
        // The cold start is about the function, not Cedar: every call is allowed.
        _endpoints = new AuthorizerEndpoints(tokens.Jwks(), _ => (200, new JsonObject
        {
            ["decision"] = "ALLOW",
            ["determiningPolicies"] = new JsonArray(new JsonObject { ["policyId"] = "employees-create-pets" }),
            ["errors"] = new JsonArray(),
        }), region);
        var route = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.CreatePet);
        Request = $"{route.Method} {route.Path}";
        Event = ApiGatewayEvents.Authorizer(region, route.Method, route.Path, route.Path,
            $"Bearer {tokens.Access(groups: [Groups.Employees], issuer: _endpoints.Issuer)}");
        Environment = new Dictionary<string, string>(_endpoints.FunctionVariables.Concat(_endpoints.AuthorizerVariables(tokens)))
        {
            [FunctionVariables.PolicyStoreId] = "ps-cold",
            [FunctionVariables.PolicyScopes] = TestScopes.Json(PolicyScope.Route),
            // The baseline builds (default, own-runtime) predate TRUSTED_ISSUERS and read the pool this way.
            [BaselineTrustedPools] = JsonSerializer.Serialize(new[]
            {
                new { name = "Users", userPoolId = TestTokens.PoolId, clientIds = new[] { TestTokens.ClientId }, groups = Groups.All, issuer = _endpoints.Issuer, jwksUri = _endpoints.JwksUri.ToString() },
            }),
        };
    }

    private const string BaselineTrustedPools = "TRUSTED_USER_POOLS";

    /// <summary>The last commit before the authorizer's cold-start work: IdentityModel, the SDK's credential chain, no ReadyToRun.</summary>
    public const string BaselineRef = "5a2448d6115569d6e953497185e3f8b983069735";

    public override string Name => "authorizer";
    public override string Request { get; }
    public override string Handler => FunctionHandlers.Authorizer;
    public override string Baseline => "default";
    public override byte[] Event { get; }
    public override IReadOnlyDictionary<string, string> Environment { get; }

    public override string? Problem(string kind, string body) =>
        kind == "response" && body.Contains("\"Effect\":\"Allow\"", StringComparison.Ordinal) ? null : $"no Allow policy ({kind}): {body}";

    public override string Verify() => _endpoints.Refusals.Count > 0
        ? throw new InvalidOperationException($"Verified Permissions refused calls: {string.Join("; ", _endpoints.Refusals)}")
        : $"authorizer: {_endpoints.Calls.Count} Verified Permissions calls, each SigV4-signed; every answer an Allow policy.";

    public override ValueTask DisposeAsync()
    {
        _endpoints.Dispose();
        return base.DisposeAsync();
    }
}
