namespace PetStore.Lambdas.Users;

/// <summary>POST /login/mfa: the code that answers the challenge POST /login returned, in that sign-in's session.</summary>
public sealed record MfaAnswer(string Username, string Challenge, string Session, string Code, string? Pool);
