using PetStore.Contract;
using PetStore.Testing;

namespace PetStore.Local.Tests.Differential;

/// <summary>A signed-in user of the generated world: its pool, the groups its token claims, and two tokens of its own.</summary>
internal sealed record WorldUser(TestTokens Pool, string Sub, string Username, IReadOnlyList<string> Claimed, IReadOnlyList<string> Tokens)
{
    public string PrincipalId => $"{Pool.Pool.UserPoolId}|{Sub}";

    /// <summary>The groups that reach the policies: those claimed that the user's pool is trusted to grant.</summary>
    public IReadOnlyList<string> Groups => [.. Claimed.Where(Pool.Pool.Groups.Contains).Distinct().Order(StringComparer.Ordinal)];

    public override string ToString() => $"{Username} ({Pool.Pool.Name}, claims [{string.Join(",", Claimed)}])";
}

/// <summary>
/// Two user pools (one trusted with every group, one only with employees and owners) and a dozen users with random
/// group claims, each with two tokens. Built once per run from a fixed seed: minting RSA tokens is the slow part.
/// </summary>
internal sealed class World
{
    public static readonly string[] Names = ["alice", "amy", "bob", "bea", "carol", "cid", "dave", "dora", "erin", "eve", "fay", "finn"];

    public World(int seed)
    {
        var random = new Random(seed);
        Users = new TestTokens("eu-west-1_Users", "users-key", "Users");
        Staff = new TestTokens("eu-west-1_Staff", "staff-key", "Staff", [PetStore.Contract.Groups.Employees, PetStore.Contract.Groups.Owners]);
        People = [.. Names.Select((name, i) =>
        {
            var pool = i % 3 == 2 ? Staff : Users;
            var claimed = PetStore.Contract.Groups.All.Where(_ => random.Next(3) == 0).ToList();
            var expiry = DateTime.UtcNow.AddMinutes(59); // TestTokens issues tokens an hour before they expire
            // Two different tokens of the same user: different cache keys, the same decisions.
            string[] tokens = [.. Enumerable.Range(0, 2).Select(t => pool.Access(sub: $"sub-{name}", username: name, groups: claimed, expires: expiry.AddSeconds(t)))];
            return new WorldUser(pool, $"sub-{name}", name, claimed, tokens);
        })];
    }

    public TestTokens Users { get; }
    public TestTokens Staff { get; }
    public IReadOnlyList<WorldUser> People { get; }
}
