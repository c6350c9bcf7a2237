namespace PetStore.Contract;

/// <summary>The request bodies of the routes, from the rules in this project.</summary>
public static class BodyModels
{
    public static readonly BodyModel NewPet = new(
    [
        new("type", TextField.Free(PetRules.TypeMaxLength)),
        new("price", new NumberField(0, PetRules.PriceMax)),
        new("storeId", new TextField(1, Store.IdMaxLength, Store.IdPattern)),
        new("status", new EnumField(PetStatuses.All), Required: false),
    ]);

    /// <summary>A change to a pet: what is given changes, the rest stays (at least one field, the function says).</summary>
    public static readonly BodyModel PetChange = new(
    [
        new("price", new NumberField(0, PetRules.PriceMax), Required: false),
        new("status", new EnumField(PetStatuses.All), Required: false),
    ]);

    /// <summary>An order: the pet to buy (it must be available).</summary>
    public static readonly BodyModel NewOrder = new(
    [
        new("petId", new TextField(36, 36, RouteParameters.IdPattern)),
    ]);

    public static readonly BodyModel NewUser = new(
    [
        new("username", new TextField(1, UsernameRules.MaxLength, UsernameRules.Pattern)),
        new("password", new TextField(1, PasswordRules.MaxLength)),
        new("email", new TextField(1, EmailRules.MaxLength, EmailRules.Pattern)),
    ]);

    public static readonly BodyModel Credentials = new(
    [
        new("username", TextField.Free(UsernameRules.MaxLength)),
        new("password", new TextField(1, PasswordRules.MaxLength)),
        new("pool", TextField.Free(SignInRules.PoolNameMaxLength), Required: false),
    ]);

    public static readonly BodyModel MfaAnswer = new(
    [
        new("username", TextField.Free(UsernameRules.MaxLength)),
        new("challenge", new EnumField(SignInRules.AnsweredChallenges)),
        new("session", new TextField(SignInRules.SessionMinLength, SignInRules.SessionMaxLength)),
        new("code", new TextField(Pattern: $"^[0-9]{{{SignInRules.CodeLength}}}{TextRules.EndOfText}")),
        new("pool", TextField.Free(SignInRules.PoolNameMaxLength), Required: false),
    ]);
}
