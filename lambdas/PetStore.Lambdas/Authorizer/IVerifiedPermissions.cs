namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The Verified Permissions operation the authorizer uses. AWSSDK.VerifiedPermissions is not available here, so
/// <see cref="VerifiedPermissionsClient"/> implements it over the JSON wire protocol; the SDK's client could stand
/// behind this interface instead.
/// </summary>
public interface IVerifiedPermissions
{
    Task<IsAuthorizedResponse> IsAuthorizedAsync(IsAuthorizedRequest request, CancellationToken cancellationToken = default);
}
