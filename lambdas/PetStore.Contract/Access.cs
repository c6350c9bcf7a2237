namespace PetStore.Contract;

/// <summary>Who may call a route, and which authorizer decides.</summary>
public enum Access
{
    /// <summary>Anyone; no authorizer.</summary>
    Public,

    /// <summary>Any signed-in user: the Cognito user pool authorizer checks the token and the API scope, no Cedar call.</summary>
    SignedIn,

    /// <summary>Cedar policies decide, through the Lambda authorizer and Verified Permissions.</summary>
    Policy,
}
