using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Local;
using PetStore.Testing;

namespace PetStore.BundleCheck;

/// <summary>
/// The authorizer bundle answers as API Gateway needs: Allow for a group the Cedar policies permit, Deny for one
/// they do not (each decided by a signed IsAuthorized call to the Verified Permissions stand-in on the real Cedar
/// engine and cedar/), and "Unauthorized" (API Gateway's 401) for a token whose RS256 signature does not verify.
/// Tokens are minted by Microsoft.IdentityModel; the bundle verifies them with its own code, through OpenSSL.
/// </summary>
public static class AuthorizerCheck
{
    public static async Task RunAsync(DeployedFunction function, FunctionLauncher launcher, PolicyStoreStandIn policyStore, CheckReport report)
    {
        var tokens = new TestTokens(tenants: true);
        using var endpoints = new AuthorizerEndpoints(tokens.Jwks(), policyStore.IsAuthorized, function.Region);
        var localValues = new Dictionary<string, string>(endpoints.AuthorizerVariables(tokens))
        {
            [FunctionVariables.PolicyStoreId] = PolicyStoreStandIn.PolicyStoreId,
        };

        // A policy route: the Lambda authorizer guards it.
        var route = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.DeletePet);
        var parameters = route.PathParameters.ToDictionary(p => p, p => ParameterSpellings.CanonicalExample(route.Parameters.Single(x => x.Name == p).Kind));
        var path = parameters.Aggregate(route.Path, (path, p) => path.Replace($"{{{p.Key}}}", p.Value));
        var action = CedarAction.IdFor(route.Method, route.Path);
        await using var environment = launcher.Start("authorizer", function, localValues, endpoints.FunctionVariables);

        (string Group, string Decision)[] cases = [(Groups.Owners, "ALLOW"), (Groups.Employees, "DENY")];
        foreach (var (group, decision) in cases)
        {
            var subject = $"{group}-subject";
            var token = tokens.Access(sub: subject, groups: [group], issuer: endpoints.Issuer);
            var callsBefore = endpoints.Calls.Count;
            var answer = await environment.InvokeAsync(ApiGatewayEvents.Authorizer(function.Region, route.Method, route.Path, path, $"Bearer {token}", parameters));
            var calls = endpoints.Calls.Skip(callsBefore).ToList();
            var call = calls.Count == 1 ? calls[0] : null;
            report.Check($"authorizer: {group} {action}, Verified Permissions call", call is not null
                && call.Request["action"]?["actionId"]?.GetValue<string>() == action
                && call.Request["principal"]?["entityId"]?.GetValue<string>() == $"{tokens.Pool.UserPoolId}|{subject}"
                && call.Answer["decision"]?.GetValue<string>() == decision,
                call is null ? $"{calls.Count} calls, expected one" : $"SigV4-verified IsAuthorized {call.Request["principal"]?.ToJsonString()} {call.Request["action"]?.ToJsonString()}; Cedar decided {call.Answer["decision"]}, expected {decision}");

            var effect = decision == "ALLOW" ? "Allow" : "Deny";
            var policy = answer.Kind == "response" ? JsonSerializer.Deserialize(answer.Body, PetStore.Lambdas.Authorizer.AuthorizerJson.Default.AuthorizerResponse) : null;
            var methodArn = ApiGatewayEvents.MethodArn(function.Region, route.Method, path);
            report.Check($"authorizer: {group} {action}, answer", policy is not null
                && policy.PolicyDocument.Statement.Count > 0 && policy.PolicyDocument.Statement.All(s => s.Effect == effect)
                && ExecuteApiPolicy.Allows(policy.PolicyDocument, methodArn) == (decision == "ALLOW")
                && policy.PrincipalId == $"{tokens.Pool.UserPoolId}|{subject}",
                answer.Kind == "response" ? $"{effect} expected, API Gateway would {(policy is not null && ExecuteApiPolicy.Allows(policy.PolicyDocument, methodArn) ? "allow" : "deny")} {methodArn}: {CheckReport.Shorten(answer.Body)}" : $"{answer.Kind}: {answer.Body}");
        }

        // A tenant's machine client: its key comes from the registry (a signed GetItem), and a suspended tenant is denied.
        const string tenantClient = "tenant-client-1";
        var identityKey = TenantRegistry.IdentityKey(tokens.Pool.Name, tenantClient);
        endpoints.RegistryItems[identityKey] = new JsonObject
        {
            [TenantRegistry.Key] = new JsonObject { ["S"] = identityKey },
            [TenantRegistry.Tenant] = new JsonObject { ["S"] = "acme" },
            [TenantRegistry.ApiKeyValue] = new JsonObject { ["S"] = "acme-key-value-for-the-bundle-check" },
            [TenantRegistry.Tier] = new JsonObject { ["S"] = "gold" },
            [TenantRegistry.Status] = new JsonObject { ["S"] = "active" },
        };
        var signedIn = RouteTable.All.First(r => r.Access == Access.SignedIn);
        var machine = tokens.Machine(tenantClient, issuer: endpoints.Issuer);
        var tenantAnswer = await environment.InvokeAsync(ApiGatewayEvents.Authorizer(function.Region, signedIn.Method, signedIn.Path, signedIn.Path, $"Bearer {machine}"));
        var tenantPolicy = tenantAnswer.Kind == "response" ? JsonSerializer.Deserialize(tenantAnswer.Body, PetStore.Lambdas.Authorizer.AuthorizerJson.Default.AuthorizerResponse) : null;
        report.Check($"authorizer: tenant machine client on {signedIn}", tenantPolicy is { IsAllow: true, UsageIdentifierKey: "acme-key-value-for-the-bundle-check" }
            && endpoints.RegistryReads.Contains(identityKey),
            $"{tenantAnswer.Kind} {CheckReport.Shorten(tenantAnswer.Body)}; registry reads: {string.Join(", ", endpoints.RegistryReads)}");

        var bad = tokens.Tampered(groups: [Groups.Customers], issuer: endpoints.Issuer);
        var before = endpoints.Calls.Count;
        var refused = await environment.InvokeAsync(ApiGatewayEvents.Authorizer(function.Region, route.Method, route.Path, path, $"Bearer {bad}", parameters));
        var message = refused.Kind == "error" ? JsonNode.Parse(refused.Body)?["errorMessage"]?.GetValue<string>() : null;
        report.Check("authorizer: token with a broken RS256 signature", message == "Unauthorized" && endpoints.Calls.Count == before,
            $"{refused.Kind} {CheckReport.Shorten(refused.Body)} (API Gateway answers 401 for the error message \"Unauthorized\"); Verified Permissions calls: {endpoints.Calls.Count - before}");

        report.Check("authorizer: signing keys", endpoints.JwksFetches >= 1, $"JWKS fetched {endpoints.JwksFetches} time(s) from the trusted pool's jwksUri");
        report.Check("authorizer: request signatures", endpoints.Refusals.Count == 0,
            endpoints.Refusals.Count == 0 ? $"all {endpoints.Calls.Count} IsAuthorized and {endpoints.RegistryReads.Count} GetItem calls carried a valid SigV4 signature" : string.Join("; ", endpoints.Refusals));
        var platform = Platform.For(function.Architecture);
        var crypto = environment.MappedLibraries("libcrypto.so");
        report.Check("authorizer: OpenSSL", crypto.Any(path => path.StartsWith(platform.LibraryDirectory, StringComparison.Ordinal)),
            $"the process mapped {(crypto.Count == 0 ? "no libcrypto" : string.Join(", ", crypto))}; expected {platform.LambdaArchitecture}'s from {platform.LibraryDirectory}");
    }
}
