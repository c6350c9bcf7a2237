namespace PetStore.Aws;

/// <summary>How Cognito user pools are called: JSON 1.1, <c>X-Amz-Target: AWSCognitoIdentityProviderService.&lt;Operation&gt;</c>, signed for <c>cognito-idp</c>.</summary>
public static class CognitoProtocol
{
    public const string TargetPrefix = "AWSCognitoIdentityProviderService";
    public const string JsonVersion = "1.1";
    public const string SigningService = "cognito-idp";
}
