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
            credentials ?? Credentials(),
            RegionEndpoint.GetBySystemName(region),
            service,
            new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) });
        return new HttpClient(signer) { Timeout = timeout };
    }

    /// <summary>
    /// The function's credentials. Lambda puts them in the environment, and reading them there directly saves the
    /// SDK's credential chain about 30 ms of a cold start; anywhere else the default chain decides.
    /// </summary>
    public static AWSCredentials Credentials()
    {
        var key = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret)) return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var session = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN");
        return string.IsNullOrEmpty(session) ? new BasicAWSCredentials(key, secret) : new SessionAWSCredentials(key, secret, session);
    }

    /// <summary>The service endpoint: an override when given (local mode, tests), else the regional public endpoint.</summary>
    public static Uri Endpoint(string? overrideUrl, string host, string region) =>
        overrideUrl is { Length: > 0 } ? new Uri(overrideUrl) : new Uri($"https://{host}.{region}.amazonaws.com/");
}
