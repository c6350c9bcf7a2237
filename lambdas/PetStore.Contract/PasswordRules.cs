namespace PetStore.Contract;

/// <summary>
/// The user pool's password policy. The CDK app configures Cognito with it and the users function checks it first,
/// so that a weak password is a clear 400 everywhere, local mode included.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>The characters Cognito counts as symbols.</summary>
    public const string Symbols = "^$*.[]{}()?-\"!@#%&/\\,><':;|_~`+= ";

    /// <summary>What is wrong with a password, or an empty list when it is acceptable.</summary>
    public static IReadOnlyList<string> Problems(string password)
    {
        var problems = new List<string>();
        if (password.Length < MinLength) problems.Add($"at least {MinLength} characters");
        if (password.Length > MaxLength) problems.Add($"at most {MaxLength} characters");
        if (!password.Any(char.IsLower)) problems.Add("a lowercase letter");
        if (!password.Any(char.IsUpper)) problems.Add("an uppercase letter");
        if (!password.Any(char.IsDigit)) problems.Add("a digit");
        if (!password.Any(c => Symbols.Contains(c))) problems.Add("a symbol");
        if (password.Length > 0 && (password[0] == ' ' || password[^1] == ' ')) problems.Add("no leading or trailing space");
        return problems;
    }
}
