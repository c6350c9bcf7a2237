using System.Diagnostics;
using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Logging;
using PetStore.Lambdas.Tenants;

namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The Lambda authorizer for every route that is not public. It validates the access token (any trusted issuer),
/// decides which API key meters the request — a tenant's from the registry for a machine client, the interactive key
/// for a person — and then: on a <see cref="Access.SignedIn"/> or <see cref="Access.Resource"/> route, allows every such
/// route (no Cedar call; a resource route's handler decides on the resource, with the principal this answer's context
/// carries, <see cref="CallerPrincipal"/>); on a
/// <see cref="Access.Policy"/> route, maps the request to a Cedar action through the route table and asks Verified
/// Permissions. Fails closed: anything but an explicit ALLOW is a Deny, an unknown or suspended tenant is a Deny with
/// its reason, and a registry or Verified Permissions failure is a 503. What a policy route's answer covers is its
/// <see cref="PolicyScope"/>, decided at synth from what its policies read (<see cref="DecisionCacheRule"/>); a route
/// missing from <paramref name="scopes"/> gets an answer for this request only.
/// </summary>
/// <param name="tenants">The registry; none: no tenant is registered (every machine client is refused).</param>
/// <param name="interactiveApiKey">The first of the keys that meter people; none: answers carry no key.</param>
/// <param name="interactiveKeyCount">Over how many keys people are spread, each person always on the same one.</param>
public sealed class PolicyAuthorizer(
    AccessTokenValidator tokens, IVerifiedPermissions permissions, string policyStoreId, IReadOnlyDictionary<Route, PolicyScope> scopes,
    JsonLog log, ITenantRegistry? tenants = null, string? interactiveApiKey = null, string policyVersion = "", int interactiveKeyCount = 1)
{
    /// <summary>The metering of a request: the API key and the tenant it belongs to (null for people).</summary>
    private sealed record Usage(string? ApiKey, TenantEntry? Tenant);

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
        if (route is null or { Access: Access.Public })
        {
            log.Warn("Denied: not a protected route", ("method", request.HttpMethod), ("resource", request.Resource));
            return Answer(identity, null, "Deny", [request.MethodArn], GatewayMessages.ExplicitDeny, reason: DecisionReason.Route);
        }
        // What the answer covers: for signed-in and resource routes every one of them (their answers depend on the token alone).
        IReadOnlyList<string> covers = route.IsAdmittedByToken
            ? MethodArns.ForRoutes(request.MethodArn, RouteTable.All.Where(r => r.IsAdmittedByToken))
            : [MethodArns.For(scopes.GetValueOrDefault(route, PolicyScope.Request), request.MethodArn, route.Path)];

        Usage usage;
        if (identity.TenantKey is { } tenantKey)
        {
            TenantEntry? tenant;
            try
            {
                tenant = tenants is null ? null : await tenants.FindAsync(tenantKey, cancellationToken);
            }
            catch (Exception e) when (e is AwsServiceException or HttpRequestException or TaskCanceledException)
            {
                log.Error("Tenant registry unavailable", ("errorType", e is AwsServiceException aws ? aws.ErrorType : e.GetType().Name));
                throw new AuthorizationUnavailableException("Tenant registry unavailable", e);
            }
            if (tenant is not { Status: TenantStatus.Active })
            {
                var message = tenant is null ? GatewayMessages.UnknownTenant : GatewayMessages.SuspendedTenant(tenant.Tenant);
                log.Info("Denied: tenant", ("principal", identity.PrincipalId), ("tenantKey", tenantKey),
                    ("tenant", tenant?.Tenant), ("status", tenant is null ? "unknown" : "suspended"));
                return Answer(identity, tenant, "Deny", covers, message, reason: DecisionReason.Tenant);
            }
            usage = new Usage(tenant.ApiKeyValue, tenant);
        }
        else
        {
            usage = new Usage(interactiveApiKey is null ? null : UsagePlanNames.InteractiveKeyFor(interactiveApiKey, identity.PrincipalId, interactiveKeyCount), null);
        }

        // A resource route is decided by its handler, on the resource it loads, with the principal this answer carries.
        if (route.IsAdmittedByToken)
        {
            log.Info("Signed in", ("principal", identity.PrincipalId), ("provider", identity.Issuer.Name), ("tenant", usage.Tenant?.Tenant));
            return Answer(identity, usage.Tenant, "Allow", covers, GatewayMessages.ExplicitDeny, usage.ApiKey, DecisionReason.Token);
        }

        // A value the one reading refuses is never decided on: where a policy may read it (an answer for this request
        // only), the request is denied; where none does (a cached answer covering the route, DecisionCacheRule), the
        // value cannot change the decision, Cedar sees "" and the handler refuses the request (400).
        var parameters = RouteParameters.Read(route, request.PathParameters);
        if (!parameters.IsValid && scopes.GetValueOrDefault(route, PolicyScope.Request) == PolicyScope.Request)
        {
            log.Info("Denied: unreadable path parameter", ("principal", identity.PrincipalId), ("action", CedarAction.IdFor(request.HttpMethod, route.Path)),
                ("problem", parameters.Problem));
            return Answer(identity, usage.Tenant, "Deny", covers, GatewayMessages.UnreadableParameter(parameters.Refused!), reason: DecisionReason.UnreadableParameter);
        }
        var avpRequest = AuthorizationRequests.Build(policyStoreId, identity, route, request.HttpMethod, parameters);
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
            ("provider", identity.Issuer.Name),
            ("tenant", usage.Tenant?.Tenant),
            ("groups", string.Join(',', identity.Groups)),
            ("action", avpRequest.Action.ActionId),
            ("decision", decision.Decision),
            ("reason", DecisionReason.Of(decision.Decision, decision.DeterminingPolicies)),
            ("determiningPolicies", string.Join(',', decision.DeterminingPolicies?.Select(p => p.PolicyId) ?? [])),
            ("policyVersion", policyVersion),
            ("evaluationErrors", decision.Errors?.Count ?? 0),
            ("unreadParameter", parameters.Problem),
            ("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return Answer(identity, usage.Tenant, allowed ? "Allow" : "Deny", covers, GatewayMessages.ExplicitDeny, allowed ? usage.ApiKey : null,
            DecisionReason.Of(decision.Decision, decision.DeterminingPolicies), decision.DeterminingPolicies?.Select(p => p.PolicyId));
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

    /// <summary>
    /// The answer. <c>message</c> is what the ACCESS_DENIED gateway response shows when API Gateway refuses the request
    /// under this answer; <c>usageIdentifierKey</c> (only on an Allow) is the API key whose usage plan meters it. Its
    /// provenance (<see cref="DecisionReason"/>, the determining policies, the policy-set version) goes into the
    /// context, so the stage's access log shows it for every request, answers from API Gateway's cache included.
    /// </summary>
    private AuthorizerResponse Answer(VerifiedIdentity identity, TenantEntry? tenant, string effect, IReadOnlyList<string> resources, string message,
        string? apiKey = null, string reason = "", IEnumerable<string>? policies = null) => new(
        identity.PrincipalId,
        new PolicyDocument("2012-10-17", [.. resources.Select(r => new PolicyStatement("execute-api:Invoke", effect, r))]),
        new Dictionary<string, string>(CallerPrincipal.From(identity).ToContext())
        {
            ["tenant"] = tenant?.Tenant ?? "",
            ["message"] = message,
            [AccessLog.PolicyVersionKey] = policyVersion,
            [AccessLog.ReasonKey] = reason,
            [AccessLog.PoliciesKey] = string.Join(',', policies ?? []),
        })
    {
        UsageIdentifierKey = apiKey,
    };
}
