using PetStore.Contract;

namespace PetStore.Lambdas.Authorizer;

/// <summary>Who a valid access token says the caller is: the trusted pool, the user, and the groups that pool may grant.</summary>
public sealed record VerifiedIdentity(TrustedPool Pool, string Subject, string Username, IReadOnlyList<string> Groups)
{
    /// <summary>As Verified Permissions' Cognito integration names users: <c>&lt;userPoolId&gt;|&lt;sub&gt;</c>.</summary>
    public string PrincipalId => $"{Pool.UserPoolId}|{Subject}";
}
