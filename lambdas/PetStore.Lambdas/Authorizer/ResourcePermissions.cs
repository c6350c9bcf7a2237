using System.Diagnostics;
using PetStore.Aws;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Authorizer;

/// <summary>What a handler does with a resource route's decision.</summary>
public enum ResourceDecision
{
    Allow,
    Deny,

    /// <summary>No principal in the request's authorizer context: nothing can be decided (denied, and logged as a fault).</summary>
    NoPrincipal,
}

/// <summary>
/// The decision on a resource route, made by a function once it has loaded the resource: the principal the authorizer
/// left in the request (<see cref="CallerPrincipal"/>), the route's action, the resource and its related entities, asked
/// of Verified Permissions. Never cached: the next request may find the resource changed. Fails closed: anything but
/// ALLOW is a deny; Verified Permissions unreachable throws <see cref="AuthorizationUnavailableException"/> (a 503).
/// </summary>
public sealed class ResourcePermissions(IVerifiedPermissions permissions, string policyStoreId, JsonLog log)
{
    public async Task<ResourceDecision> DecideAsync(RoutedRequest request, DecisionResource resource, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (CallerPrincipal.FromContext(request.Request.RequestContext.Authorizer) is not { } principal)
        {
            log.Error("No principal in the authorizer context", ("route", request.Route.ToString()));
            return ResourceDecision.NoPrincipal;
        }
        var avpRequest = AuthorizationRequests.Build(policyStoreId, principal, request.Route, request.Request.HttpMethod,
            new RouteParameterReading(request.Parameters, null), resource);
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
            ("principal", principal.Id),
            ("provider", principal.Provider),
            ("groups", string.Join(',', principal.Groups)),
            ("stores", string.Join(',', principal.Stores)),
            ("action", avpRequest.Action.ActionId),
            ("resource", $"{avpRequest.Resource.EntityType}::\"{avpRequest.Resource.EntityId}\""),
            ("decision", decision.Decision),
            ("determiningPolicies", string.Join(',', decision.DeterminingPolicies?.Select(p => p.PolicyId) ?? [])),
            ("evaluationErrors", decision.Errors?.Count ?? 0),
            ("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return allowed ? ResourceDecision.Allow : ResourceDecision.Deny;
    }
}
