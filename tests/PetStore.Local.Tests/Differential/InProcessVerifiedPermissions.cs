using System.Text.Json;
using PetStore.Cedar;
using PetStore.Lambdas.Authorizer;

namespace PetStore.Local.Tests.Differential;

/// <summary>Verified Permissions without the network: the authorizer's IsAuthorized request, as JSON, decided by the Cedar engine.</summary>
internal sealed class InProcessVerifiedPermissions(CedarDecisions decisions) : IVerifiedPermissions
{
    public int Calls { get; private set; }

    public Task<IsAuthorizedResponse> IsAuthorizedAsync(IsAuthorizedRequest request, CancellationToken cancellationToken = default)
    {
        Calls++;
        var answer = decisions.IsAuthorized(JsonSerializer.SerializeToNode(request, AvpJson.Default.IsAuthorizedRequest)!.AsObject());
        return Task.FromResult(answer.Deserialize(AvpJson.Default.IsAuthorizedResponse)!);
    }

    public Task<BatchIsAuthorizedResponse> BatchIsAuthorizedAsync(BatchIsAuthorizedRequest request, CancellationToken cancellationToken = default)
    {
        Calls++;
        var answer = decisions.BatchIsAuthorized(JsonSerializer.SerializeToNode(request, AvpJson.Default.BatchIsAuthorizedRequest)!.AsObject());
        return Task.FromResult(answer.Deserialize(AvpJson.Default.BatchIsAuthorizedResponse)!);
    }
}
