using PetStore.Aws;

namespace PetStore.Lambdas.Authorizer;

/// <summary>Verified Permissions over its JSON 1.0 protocol, SigV4-signed for the <c>verifiedpermissions</c> service.</summary>
public sealed class VerifiedPermissionsClient(AwsJsonClient api) : IVerifiedPermissions
{
    public const string TargetPrefix = "VerifiedPermissions";
    public const string JsonVersion = "1.0";
    public const string SigningService = "verifiedpermissions";

    public Task<IsAuthorizedResponse> IsAuthorizedAsync(IsAuthorizedRequest request, CancellationToken cancellationToken = default) =>
        api.CallAsync("IsAuthorized", request, AvpJson.Default.IsAuthorizedRequest, AvpJson.Default.IsAuthorizedResponse, cancellationToken);
}
