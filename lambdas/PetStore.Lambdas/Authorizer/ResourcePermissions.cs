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
/// The decisions on a resource route, made by a function once it has loaded the resource: the principal the authorizer
/// left in the request (<see cref="CallerPrincipal"/>), the route's action, the resource and its related entities, asked
/// of Verified Permissions, one at a time or in batches (a list). Never cached: the next request may find the resource
/// changed. Fails closed: anything but ALLOW is a deny; Verified Permissions unreachable throws
/// <see cref="AuthorizationUnavailableException"/> (a 503).
/// </summary>
/// <param name="policyVersion">The deployed policy set's version (<c>POLICY_VERSION</c>), logged with every decision.</param>
public sealed class ResourcePermissions(IVerifiedPermissions permissions, string policyStoreId, JsonLog log, string policyVersion = "")
{
    public async Task<ResourceDecision> DecideAsync(RoutedRequest request, DecisionResource resource, CancellationToken cancellationToken = default)
    {
        var decisions = await DecideEachAsync(request, [resource], cancellationToken);
        return decisions is null ? ResourceDecision.NoPrincipal : decisions[0] ? ResourceDecision.Allow : ResourceDecision.Deny;
    }

    /// <summary>
    /// Whether each resource is allowed, in order: a full <see cref="BatchIsAuthorizedRequest.MaxRequests"/> at a time
    /// in one BatchIsAuthorized call, the rest as IsAuthorized calls, up to <see cref="MaxParallelCalls"/> at once;
    /// null when the request carries no principal.
    /// </summary>
    public const int MaxParallelCalls = 8;

    public async Task<IReadOnlyList<bool>?> DecideEachAsync(RoutedRequest request, IReadOnlyList<DecisionResource> resources, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (CallerPrincipal.FromContext(request.Request.RequestContext.Authorizer) is not { } principal)
        {
            log.Error("No principal in the authorizer context", ("route", request.Route.ToString()));
            return null;
        }
        var parameters = new RouteParameterReading(request.Parameters, null);
        var singles = resources.Select(r => AuthorizationRequests.Build(policyStoreId, principal, request.Route, request.Request.HttpMethod, parameters, r)).ToList();
        var decisions = new List<(IsAuthorizedRequest Request, string Decision, IReadOnlyList<DeterminingPolicyItem>? Policies, int Errors)>();
        try
        {
            foreach (var chunk in singles.Chunk(BatchIsAuthorizedRequest.MaxRequests))
            {
                if (chunk.Length < BatchIsAuthorizedRequest.MaxRequests)
                {
                    // A batch is billed as 30 single calls whatever it holds: fewer decisions cost less one by one.
                    var answers = new (string Decision, IReadOnlyList<DeterminingPolicyItem>? Policies, int Errors)[chunk.Length];
                    await Parallel.ForEachAsync(Enumerable.Range(0, chunk.Length),
                        new ParallelOptions { MaxDegreeOfParallelism = MaxParallelCalls, CancellationToken = cancellationToken }, async (i, token) =>
                        {
                            var answer = await permissions.IsAuthorizedAsync(chunk[i], token);
                            answers[i] = (answer.Decision, answer.DeterminingPolicies, answer.Errors?.Count ?? 0);
                        });
                    decisions.AddRange(chunk.Select((s, i) => (s, answers[i].Decision, answers[i].Policies, answers[i].Errors)));
                    continue;
                }
                var batch = new BatchIsAuthorizedRequest(policyStoreId,
                    new EntitiesDefinition([.. chunk.SelectMany(s => s.Entities.EntityList).DistinctBy(e => e.Identifier)]),
                    [.. chunk.Select(s => new BatchIsAuthorizedInputItem(s.Principal, s.Action, s.Resource, s.Context))]);
                var batched = await permissions.BatchIsAuthorizedAsync(batch, cancellationToken);
                // Matched by resource, never by position alone: a result for another resource is no answer.
                decisions.AddRange(chunk.Select(s => batched.Results.FirstOrDefault(r => r.Request.Resource == s.Resource && r.Request.Action == s.Action) is { } result
                    ? (s, result.Decision, result.DeterminingPolicies, result.Errors?.Count ?? 0)
                    : (s, IsAuthorizedResponse.Deny, null, 1)));
            }
        }
        catch (AwsServiceException e) when (!AwsServiceException.IsUnavailable(e))
        {
            // Verified Permissions refused the request itself (a validation error): no retry would help; nothing is allowed.
            log.Error("Verified Permissions refused the request", ("action", singles.FirstOrDefault()?.Action.ActionId), ("errorType", e.ErrorType), ("error", e.Message));
            return [.. singles.Select(_ => false)];
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or TaskCanceledException)
        {
            log.Error("Verified Permissions unavailable",
                ("action", singles.FirstOrDefault()?.Action.ActionId), ("errorType", e is AwsServiceException aws ? aws.ErrorType : e.GetType().Name));
            throw new AuthorizationUnavailableException("Verified Permissions unavailable", e);
        }
        foreach (var (asked, decision, policies, errors) in decisions)
            log.Info("Authorization decision",
                ("principal", principal.Id),
                ("provider", principal.Provider),
                ("groups", string.Join(',', principal.Groups)),
                ("stores", string.Join(',', principal.Stores)),
                ("action", asked.Action.ActionId),
                ("resource", $"{asked.Resource.EntityType}::\"{asked.Resource.EntityId}\""),
                ("decision", decision),
                ("reason", DecisionReason.Of(decision, policies)),
                ("determiningPolicies", string.Join(',', policies?.Select(p => p.PolicyId) ?? [])),
                ("policyVersion", policyVersion),
                ("evaluationErrors", errors),
                ("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return [.. decisions.Select(d => d.Decision == IsAuthorizedResponse.Allow)];
    }
}
