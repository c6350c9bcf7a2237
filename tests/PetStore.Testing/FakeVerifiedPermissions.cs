using PetStore.Lambdas.Authorizer;

namespace PetStore.Testing;

/// <summary>Records IsAuthorized requests and answers with a scripted decision or failure.</summary>
public sealed class FakeVerifiedPermissions : IVerifiedPermissions
{
    public List<IsAuthorizedRequest> Requests { get; } = [];
    public string Decision { get; set; } = IsAuthorizedResponse.Allow;
    public Exception? Failure { get; set; }

    public Task<IsAuthorizedResponse> IsAuthorizedAsync(IsAuthorizedRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        if (Failure is not null) throw Failure;
        return Task.FromResult(new IsAuthorizedResponse(Decision, [new DeterminingPolicyItem("p1")], []));
    }
}
