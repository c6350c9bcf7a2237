namespace PetStore.Lambdas.Authorizer;

/// <summary>Why a token was refused; logged, never returned to the caller (who gets a plain 401).</summary>
public sealed class TokenRejectedException(string reason) : Exception(reason);
