using PetStore.Lambdas.Authorizer;

namespace PetStore.Testing;

/// <summary>Records IsAuthorized requests and answers with a scripted decision or failure; calls may come in parallel.</summary>
public sealed class FakeVerifiedPermissions : IVerifiedPermissions
{
    public List<IsAuthorizedRequest> Requests { get; } = [];
    public string Decision { get; set; } = IsAuthorizedResponse.Allow;
    public Exception? Failure { get; set; }

    /// <summary>The determining policies every answer names (a Deny with none is Cedar's default deny).</summary>
    public IReadOnlyList<string> Determining { get; set; } = ["p1"];

    public List<BatchIsAuthorizedRequest> Batches { get; } = [];

    /// <summary>Decides each request, single or in a batch, as this says (default: <see cref="Decision"/>).</summary>
    public Func<BatchIsAuthorizedInputItem, string>? Decide { get; set; }

    public Task<BatchIsAuthorizedResponse> BatchIsAuthorizedAsync(BatchIsAuthorizedRequest request, CancellationToken cancellationToken = default)
    {
        lock (Batches) Batches.Add(request);
        if (Failure is not null) throw Failure;
        return Task.FromResult(new BatchIsAuthorizedResponse([.. request.Requests.Select(r =>
            new BatchIsAuthorizedOutputItem(r, Decide?.Invoke(r) ?? Decision, [.. Determining.Select(id => new DeterminingPolicyItem(id))], []))]));
    }

    public Task<IsAuthorizedResponse> IsAuthorizedAsync(IsAuthorizedRequest request, CancellationToken cancellationToken = default)
    {
        lock (Requests) Requests.Add(request);
        if (Failure is not null) throw Failure;
        var decision = Decide?.Invoke(new BatchIsAuthorizedInputItem(request.Principal, request.Action, request.Resource, request.Context)) ?? Decision;
        return Task.FromResult(new IsAuthorizedResponse(decision, [.. Determining.Select(id => new DeterminingPolicyItem(id))], []));
    }
}
