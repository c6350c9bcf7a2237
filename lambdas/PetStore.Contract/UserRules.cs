namespace PetStore.Contract;

/// <summary>The fields of a user; see <see cref="UsernameRules"/>, <see cref="EmailRules"/> and <see cref="PasswordRules"/>.</summary>
public static class UserRules
{
    public const int UsernameMaxLength = UsernameRules.MaxLength;
    public const int EmailMaxLength = EmailRules.MaxLength;
}
