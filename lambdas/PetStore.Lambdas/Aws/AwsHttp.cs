using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace PetStore.Lambdas.Aws;

/// <summary>HttpClients for AWS calls: SigV4-signed with AWSSDK.Core's signer and default credentials chain, or plain.</summary>
public static class AwsHttp
{
    public static HttpClient Plain(TimeSpan timeout) => new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
    {
        Timeout = timeout,
    };

    public static HttpClient Signed(string service, string region, TimeSpan timeout, AWSCredentials? credentials = null)
    {
        var signer = new SigV4SigningHandler(
            credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(),
            RegionEndpoint.GetBySystemName(region),
            service,
            new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) });
        return new HttpClient(signer) { Timeout = timeout };
    }

    /// <summary>The service endpoint: an override when given (local mode, tests), else the regional public endpoint.</summary>
    public static Uri Endpoint(string? overrideUrl, string host, string region) =>
        overrideUrl is { Length: > 0 } ? new Uri(overrideUrl) : new Uri($"https://{host}.{region}.amazonaws.com/");
}
