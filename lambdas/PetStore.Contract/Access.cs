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

    /// <summary>
    /// Cedar policies decide on the resource itself (a store, a pet, an order): the authorizer checks the token as for a
    /// signed-in route, and the handler, which loads the resource, asks Verified Permissions with it and its related
    /// entities (<c>Route.Resource</c> names its type).
    /// </summary>
    Resource,
}
