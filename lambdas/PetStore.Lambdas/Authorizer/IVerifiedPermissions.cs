namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// The Verified Permissions operations the authorizer and the functions use. AWSSDK.VerifiedPermissions is not available here, so
/// <see cref="VerifiedPermissionsClient"/> implements it over the JSON wire protocol; the SDK's client could stand
/// behind this interface instead.
/// </summary>
public interface IVerifiedPermissions
{
    Task<IsAuthorizedResponse> IsAuthorizedAsync(IsAuthorizedRequest request, CancellationToken cancellationToken = default);

    /// <summary>Up to 30 decisions for one principal; the results in the order of the requests.</summary>
    Task<BatchIsAuthorizedResponse> BatchIsAuthorizedAsync(BatchIsAuthorizedRequest request, CancellationToken cancellationToken = default);
}
