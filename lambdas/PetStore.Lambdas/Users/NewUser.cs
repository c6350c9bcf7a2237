namespace PetStore.Lambdas.Users;

public sealed record NewUser(string Username, string Password, string Email);
