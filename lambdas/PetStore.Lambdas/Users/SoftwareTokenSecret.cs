namespace PetStore.Lambdas.Users;

public sealed record SoftwareTokenSecret(string SecretCode, string Session);
