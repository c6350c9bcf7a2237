using System.Diagnostics;
using PetStore.Contract;
using PetStore.Lambdas.Aws;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The Lambda authorizer for routes whose access is <see cref="Access.Policy"/>: validate the access token, map the
/// request to a Cedar action through the route table, ask Verified Permissions, and answer Allow or Deny on the
/// method. Fails closed: anything but an explicit ALLOW is a Deny. What the answer covers is each route's
/// <see cref="PolicyScope"/>, decided at synth from what its policies read (<see cref="DecisionCacheRule"/>); a route
/// missing from <paramref name="scopes"/> gets an answer for this request only.
/// </summary>
public sealed class PolicyAuthorizer(
    AccessTokenValidator tokens, IVerifiedPermissions permissions, string policyStoreId, IReadOnlyDictionary<Route, PolicyScope> scopes, JsonLog log)
{
    public async Task<AuthorizerResponse> AuthorizeAsync(AuthorizerEvent request, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var token = BearerToken(request.Header("Authorization"));
        if (token is null)
        {
            log.Info("Unauthorized", ("reason", request.Header("Authorization") is null ? "no Authorization header" : "the Authorization header is not 'Bearer <token>'"));
            throw new UnauthorizedException();
        }

        VerifiedIdentity identity;
        try
        {
            identity = await tokens.ValidateAsync(token, cancellationToken);
        }
        catch (TokenRejectedException e)
        {
            log.Info("Unauthorized", ("reason", e.Message));
            throw new UnauthorizedException();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.Error("Signing keys unavailable", ("errorType", e.GetType().Name));
            throw new AuthorizationUnavailableException("Signing keys unavailable", e);
        }

        var route = RouteTable.Find(request.HttpMethod, request.Resource);
        if (route is not { Access: Access.Policy })
        {
            log.Warn("Denied: not a policy route", ("method", request.HttpMethod), ("resource", request.Resource));
            return Answer(identity, "Deny", request.MethodArn);
        }

        var avpRequest = AuthorizationRequests.Build(policyStoreId, identity, route, request.HttpMethod, request.PathParameters);
        IsAuthorizedResponse decision;
        try
        {
            decision = await permissions.IsAuthorizedAsync(avpRequest, cancellationToken);
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or TaskCanceledException)
        {
            log.Error("Verified Permissions unavailable",
                ("action", avpRequest.Action.ActionId), ("errorType", e is AwsServiceException aws ? aws.ErrorType : e.GetType().Name));
            throw new AuthorizationUnavailableException("Verified Permissions unavailable", e);
        }

        var allowed = decision.Decision == IsAuthorizedResponse.Allow;
        log.Info("Authorization decision",
            ("principal", identity.PrincipalId),
            ("groups", string.Join(',', identity.Groups)),
            ("action", avpRequest.Action.ActionId),
            ("decision", decision.Decision),
            ("determiningPolicies", string.Join(',', decision.DeterminingPolicies?.Select(p => p.PolicyId) ?? [])),
            ("evaluationErrors", decision.Errors?.Count ?? 0),
            ("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        var scope = scopes.GetValueOrDefault(route, PolicyScope.Request);
        return Answer(identity, allowed ? "Allow" : "Deny", MethodArns.For(scope, request.MethodArn, route.Path));
    }

    /// <summary>
    /// The token of exactly <c>Bearer &lt;token&gt;</c>, or null. Only this spelling of the scheme: the whole header is
    /// API Gateway's cache key, and "bearer" or "BEARER" would make one token many keys (many Verified Permissions calls).
    /// </summary>
    public static string? BearerToken(string? header)
    {
        const string scheme = "Bearer ";
        if (header is null || header.Length <= scheme.Length || !header.StartsWith(scheme, StringComparison.Ordinal)) return null;
        var token = header[scheme.Length..];
        return token.Length > 0 && !token.Any(char.IsWhiteSpace) ? token : null;
    }

    private static AuthorizerResponse Answer(VerifiedIdentity identity, string effect, string resource) => new(
        identity.PrincipalId,
        new PolicyDocument("2012-10-17", [new PolicyStatement("execute-api:Invoke", effect, resource)]),
        new Dictionary<string, string>
        {
            ["username"] = identity.Username,
            ["groups"] = string.Join(',', identity.Groups),
            ["userPool"] = identity.Pool.Name,
        });
}
