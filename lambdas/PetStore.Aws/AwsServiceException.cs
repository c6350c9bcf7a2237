using System.Net;

namespace PetStore.Aws;

/// <summary>An error an AWS JSON-protocol service returned: its error type (<c>UsernameExistsException</c>) and message.</summary>
public sealed class AwsServiceException(string errorType, string message, HttpStatusCode statusCode)
    : Exception($"{errorType}: {message}")
{
    public string ErrorType { get; } = errorType;
    public string ServiceMessage { get; } = message;
    public HttpStatusCode StatusCode { get; } = statusCode;

    public bool IsThrottling => ErrorType is "TooManyRequestsException" or "ThrottlingException" or "LimitExceededException";

    /// <summary>Throttled, out of capacity or failing on the service's side: worth retrying later.</summary>
    public bool IsTransient => IsThrottling || ErrorType is "ProvisionedThroughputExceededException" or "RequestLimitExceeded" || (int)StatusCode >= 500;

    /// <summary>
    /// Whether <paramref name="e"/> means the service could not be reached or could not serve now (unreachable, timed
    /// out, throttled, 5xx): the caller answers 503 and the client retries. Any other failure is a bug of ours.
    /// </summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        AwsServiceException aws => aws.IsTransient,
        HttpRequestException or TaskCanceledException or TimeoutException => true,
        _ => false,
    };
}
