namespace PetStore.Lambdas.Users;

/// <param name="Pool">The user pool to sign in to by its cdk.json name; null for the self-sign-up pool.</param>
public sealed record Credentials(string Username, string Password, string? Pool = null);
