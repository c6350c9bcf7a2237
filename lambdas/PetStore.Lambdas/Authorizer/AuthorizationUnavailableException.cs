namespace PetStore.Lambdas.Authorizer;

/// <summary>
/// Thrown when no decision can be made (Verified Permissions, the signing keys or the tenant registry unreachable). The request is never
/// allowed; API Gateway answers 503 through the AUTHORIZER_FAILURE gateway responses, and, unlike a Deny policy,
/// the failure is not cached (a Deny is, for the route's cache TTL, cdk.json's <c>authorization.cacheTtlSeconds</c>).
/// </summary>
public sealed class AuthorizationUnavailableException(string message, Exception inner) : Exception(message, inner);
