namespace PetStore.Contract;

/// <summary>
/// POST /login and POST /login/mfa: which pool to sign in to, and the MFA challenges the API answers. The functions
/// enforce these with precise messages; API Gateway's request models repeat them.
/// </summary>
public static class SignInRules
{
    /// <summary>Pool names as cdk.json's <c>userPools[].name</c> allows them.</summary>
    public const int PoolNameMaxLength = 32;

    /// <summary>Cognito's Session parameter is 20 to 2048 characters.</summary>
    public const int SessionMinLength = 20;
    public const int SessionMaxLength = 2048;

    /// <summary>A TOTP code: six digits.</summary>
    public const int CodeLength = 6;

    /// <summary>Sign-in continues with a code from the user's authenticator app.</summary>
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";

    /// <summary>The pool requires MFA and the user has no authenticator yet: register one, then answer with its code.</summary>
    public const string MfaSetup = "MFA_SETUP";

    public static readonly IReadOnlyList<string> AnsweredChallenges = [SoftwareTokenMfa, MfaSetup];
}
