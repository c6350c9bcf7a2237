namespace PetStore.Contract;

/// <summary>What invokes a function, and so how often it runs.</summary>
public enum FunctionRole
{
    /// <summary>API Gateway, for the routes whose <see cref="Route.Backend"/> it is.</summary>
    Route,

    /// <summary>API Gateway, as the REQUEST authorizer of every protected route (on a cache miss).</summary>
    Authorizer,

    /// <summary>Cognito, for every token it issues (pre token generation, version 2).</summary>
    TokenTrigger,
}
