namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Why an answer is what it is, for logs and the access log: Cedar's <c>permit</c>, a <c>forbid</c>, or <c>no permit</c>
/// (the default deny: no policy applied, which API Gateway still words "explicit deny"); or, before Cedar was asked,
/// the <c>token</c> alone (signed-in and resource routes), a <c>tenant</c> refused, an <c>unreadable parameter</c>, or
/// a <c>route</c> that is not protected.
/// </summary>
public static class DecisionReason
{
    public const string Token = "token";
    public const string Tenant = "tenant";
    public const string UnreadableParameter = "unreadable parameter";
    public const string Route = "route";

    public static string Of(string decision, IReadOnlyList<DeterminingPolicyItem>? policies) =>
        decision == IsAuthorizedResponse.Allow ? "permit" : policies is { Count: > 0 } ? "forbid" : "no permit";
}
