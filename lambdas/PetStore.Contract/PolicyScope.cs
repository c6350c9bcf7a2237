namespace PetStore.Contract;

/// <summary>What the authorizer's Allow or Deny covers.</summary>
public enum PolicyScope
{
    /// <summary>Every request of the route with the verb: a cached answer serves the route's other paths.</summary>
    Route,

    /// <summary>Only the method ARN that was asked.</summary>
    Request,
}
