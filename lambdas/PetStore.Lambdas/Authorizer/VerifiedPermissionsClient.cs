using PetStore.Aws;
using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>Verified Permissions over its JSON 1.0 protocol, SigV4-signed for the <c>verifiedpermissions</c> service.</summary>
public sealed class VerifiedPermissionsClient(AwsJsonClient api) : IVerifiedPermissions
{
    public const string TargetPrefix = "VerifiedPermissions";
    public const string JsonVersion = "1.0";
    public const string SigningService = "verifiedpermissions";

    /// <summary>The client a function's environment describes: its region, the endpoint's override (local mode), the AVP timeout.</summary>
    public static VerifiedPermissionsClient Create(FunctionEnvironment environment, AwsCredentials credentials)
    {
        var timeout = environment.Milliseconds(FunctionVariables.AvpTimeoutMs, TimeSpan.FromMilliseconds(FunctionVariables.DefaultAvpTimeoutMs));
        var region = environment.Region;
        return new VerifiedPermissionsClient(new AwsJsonClient(
            AwsHttp.Signed(SigningService, region, timeout, credentials),
            AwsHttp.Endpoint(environment.Optional(FunctionVariables.VerifiedPermissionsEndpoint), "verifiedpermissions", region),
            TargetPrefix, JsonVersion));
    }

    public Task<IsAuthorizedResponse> IsAuthorizedAsync(IsAuthorizedRequest request, CancellationToken cancellationToken = default) =>
        api.CallAsync("IsAuthorized", request, AvpJson.Default.IsAuthorizedRequest, AvpJson.Default.IsAuthorizedResponse, cancellationToken);

    public Task<BatchIsAuthorizedResponse> BatchIsAuthorizedAsync(BatchIsAuthorizedRequest request, CancellationToken cancellationToken = default) =>
        api.CallAsync("BatchIsAuthorized", request, AvpJson.Default.BatchIsAuthorizedRequest, AvpJson.Default.BatchIsAuthorizedResponse, cancellationToken);
}
