namespace PetStore.Aws;

/// <summary>The keys a request is signed with at one moment.</summary>
public sealed record AwsKeys(string AccessKeyId, string SecretAccessKey, string? SessionToken = null);

/// <summary>
/// Where signing keys come from, asked on every request: fixed keys (Lambda's environment, stand-ins), or anything
/// that refreshes (the AWS SDK's credential chain outside Lambda, <see cref="AwsHttp.Credentials"/>).
/// </summary>
public sealed class AwsCredentials(Func<AwsKeys> current)
{
    public AwsKeys Current() => current();

    public static AwsCredentials Of(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        var keys = new AwsKeys(accessKeyId, secretAccessKey, string.IsNullOrEmpty(sessionToken) ? null : sessionToken);
        return new AwsCredentials(() => keys);
    }
}
