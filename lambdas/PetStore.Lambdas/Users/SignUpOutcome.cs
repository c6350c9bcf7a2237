namespace PetStore.Lambdas.Users;

public sealed record SignUpOutcome(bool UserConfirmed, string UserSub);
