using System.Runtime.CompilerServices;
using Amazon.Runtime.Credentials;

namespace PetStore.Aws;

/// <summary>HttpClients for AWS calls: SigV4-signed (<see cref="SigV4Handler"/>) or plain.</summary>
public static class AwsHttp
{
    public static HttpClient Plain(TimeSpan timeout) => new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
    {
        Timeout = timeout,
    };

    public static HttpClient Signed(string service, string region, TimeSpan timeout, AwsCredentials? credentials = null) =>
        new(new SigV4Handler(credentials ?? Credentials(), region, service, TimeProvider.System,
            new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) }))
        {
            Timeout = timeout,
        };

    /// <summary>
    /// The function's credentials. Lambda puts them in the environment, and reading them there keeps the AWS SDK out
    /// of a cold start altogether; anywhere else the SDK's default credential chain decides.
    /// </summary>
    public static AwsCredentials Credentials()
    {
        var key = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        return string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret)
            ? SdkCredentialChain()
            : AwsCredentials.Of(key, secret, Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
    }

    // Their own methods, so that AWSSDK.Core is loaded only where the chain is needed.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static AwsCredentials SdkCredentialChain() => FromSdk(DefaultAWSCredentialsIdentityResolver.GetCredentials());

    /// <summary>The AWS SDK's credentials (refreshing ones included) as our signer asks for them, on every request.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AwsCredentials FromSdk(Amazon.Runtime.AWSCredentials sdk) => new(() =>
    {
        var keys = sdk.GetCredentials();
        return new AwsKeys(keys.AccessKey, keys.SecretKey, string.IsNullOrEmpty(keys.Token) ? null : keys.Token);
    });

    /// <summary>The service endpoint: an override when given (local mode, tests), else the regional public endpoint.</summary>
    public static Uri Endpoint(string? overrideUrl, string host, string region) =>
        overrideUrl is { Length: > 0 } ? new Uri(overrideUrl) : new Uri($"https://{host}.{region}.amazonaws.com/");
}
