namespace PetStore.Contract;

/// <summary>
/// How a new user is confirmed (cdk.json's <c>signUpConfirmation</c>, the users function's
/// <see cref="FunctionVariables.SignUpConfirmation"/>, written as the member's name).
/// </summary>
public enum SignUpConfirmation
{
    /// <summary>The API confirms new users at once (dev, demos).</summary>
    Auto,

    /// <summary>Cognito emails a code; the user confirms with Cognito's ConfirmSignUp.</summary>
    Email,
}
