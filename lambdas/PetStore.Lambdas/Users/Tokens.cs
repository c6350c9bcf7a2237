namespace PetStore.Lambdas.Users;

public sealed record Tokens(string AccessToken, string IdToken, string RefreshToken, int? ExpiresIn);
