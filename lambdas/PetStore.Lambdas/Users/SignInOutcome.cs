namespace PetStore.Lambdas.Users;

/// <summary>Tokens, or the name of a challenge Cognito wants answered first and the session to answer it in.</summary>
public sealed record SignInOutcome(Tokens? Tokens, string? ChallengeName, string? Session = null);
