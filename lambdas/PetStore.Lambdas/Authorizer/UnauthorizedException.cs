namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Thrown to have API Gateway answer 401: a Lambda authorizer signals "no or bad credentials" by failing with
/// exactly this message.
/// </summary>
public sealed class UnauthorizedException() : Exception("Unauthorized");
