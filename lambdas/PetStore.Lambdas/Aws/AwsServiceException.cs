using System.Net;

namespace PetStore.Lambdas.Aws;

/// <summary>An error an AWS JSON-protocol service returned: its error type (<c>UsernameExistsException</c>) and message.</summary>
public sealed class AwsServiceException(string errorType, string message, HttpStatusCode statusCode)
    : Exception($"{errorType}: {message}")
{
    public string ErrorType { get; } = errorType;
    public string ServiceMessage { get; } = message;
    public HttpStatusCode StatusCode { get; } = statusCode;

    public bool IsThrottling => ErrorType is "TooManyRequestsException" or "ThrottlingException" or "LimitExceededException";
}
