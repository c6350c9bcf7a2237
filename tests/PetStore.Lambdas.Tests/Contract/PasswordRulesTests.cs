using PetStore.Contract;

namespace PetStore.Lambdas.Tests.Contract;

public class PasswordRulesTests
{
    [Fact]
    public void A_password_meeting_every_rule_has_no_problems() =>
        Assert.Empty(PasswordRules.Problems("Correct-Horse-9"));

    [Theory]
    [InlineData("Short-1a", "at least 12 characters")]
    [InlineData("ALLUPPERCASE-1", "a lowercase letter")]
    [InlineData("alllowercase-1", "an uppercase letter")]
    [InlineData("NoDigitsHere-!", "a digit")]
    [InlineData("NoSymbolsHere12", "a symbol")]
    [InlineData(" Leading-space1", "no leading or trailing space")]
    public void Each_missing_rule_is_named(string password, string problem) =>
        Assert.Contains(problem, PasswordRules.Problems(password));
}
