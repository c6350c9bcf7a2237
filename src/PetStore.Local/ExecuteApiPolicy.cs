using PetStore.Lambdas.Authorizer;

namespace PetStore.Local;

/// <summary>
/// How API Gateway applies a Lambda authorizer's policy to a request: IAM evaluation of <c>execute-api:Invoke</c> on
/// the request's method ARN. Statement resources match with IAM wildcards (<c>*</c> any run of characters, <c>?</c>
/// one character, nothing else special); an explicit Deny that matches wins, otherwise a matching Allow is needed.
/// </summary>
public static class ExecuteApiPolicy
{
    public static bool Allows(PolicyDocument policy, string methodArn)
    {
        var matching = policy.Statement
            .Where(s => s.Action is "execute-api:Invoke" or "execute-api:*" or "*" && Matches(s.Resource, methodArn))
            .ToList();
        return matching.Count > 0 && matching.All(s => s.Effect == "Allow");
    }

    /// <summary>IAM wildcard matching: <c>*</c> is any run of characters (slashes included), <c>?</c> one character.</summary>
    public static bool Matches(string pattern, string arn)
    {
        // Iterative glob with backtracking to the last '*': linear in practice, no regex to escape.
        int p = 0, a = 0, star = -1, resume = 0;
        while (a < arn.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == arn[a])) { p++; a++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; resume = a; }
            else if (star >= 0) { p = star + 1; a = ++resume; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
