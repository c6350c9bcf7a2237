using PetStore.Contract;
using PetStore.Testing;

namespace PetStore.Local.Tests.Differential;

/// <summary>
/// One request of a sequence, as intended: who, with which of their tokens, which route and verb, each parameter's
/// spelling (what was sent, and the value it means or null when the API must refuse it), and the path as sent.
/// </summary>
internal sealed record GeneratedRequest(WorldUser User, int TokenIndex, Route Route, string Verb, IReadOnlyDictionary<string, Spelling> Spelled,
    string Path, bool ClockJumps)
{
    public string Token => User.Tokens[TokenIndex];

    /// <summary>Whether every parameter is spelled so the API reads it.</summary>
    public bool Readable => Spelled.Values.All(s => s.Means is not null);

    /// <summary>What Cedar must decide on: each meant value, or "" for all of them when the request cannot be read.</summary>
    public IReadOnlyDictionary<string, string> Decided => Spelled.ToDictionary(p => p.Key, p => Readable ? p.Value.Means! : "");

    public override string ToString() => $"{User} token {TokenIndex + 1}: {Verb} {Path}{(ClockJumps ? " (after the cache TTL)" : "")}" +
        (Spelled.Values.Any(s => s.Means != s.Text) ? $" [{string.Join(", ", Spelled.Select(p => $"{p.Key}: {p.Value}"))}]" : "");
}

/// <summary>
/// Random request sequences over a few users: repeated tokens, two tokens of one user, the routes' verbs and paths
/// (a few parameter values of each parameter's kind, so paths repeat), a third of the parameters spelled otherwise
/// (<see cref="ParameterSpellings"/>: case, padding, encodings, dot segments), spellings API Gateway routes the same way
/// (extra leading or trailing slashes), and now and then a clock jump past the cache TTL.
/// </summary>
internal static class RequestSequenceGenerator
{
    public static IReadOnlyList<GeneratedRequest> Generate(Random random, World world, int count)
    {
        var users = world.People.OrderBy(_ => random.Next()).Take(4).ToList();
        var routes = RouteTable.All.Where(r => r.Access == Access.Policy).ToList();
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var route = routes[random.Next(routes.Count)];
            var verb = route.Methods[random.Next(route.Methods.Count)];
            var spelled = route.Parameters.ToDictionary(p => p.Name, p =>
            {
                var values = PolicySetGenerator.ValuesFor(p.Kind);
                var value = values[random.Next(values.Length)];
                var spellings = ParameterSpellings.InPath(p.Kind, value);
                return random.Next(3) == 0 ? spellings[random.Next(spellings.Count)] : spellings[0];
            });
            var path = string.Concat(RoutePath.Segments(route.Path).Select(s => "/" + (RoutePath.IsParameter(s) ? spelled[RoutePath.ParameterName(s)].Text : s)));
            path = random.Next(6) switch
            {
                0 => path + "/",
                1 => "/" + path,
                _ => path,
            };
            return new GeneratedRequest(users[random.Next(users.Count)], random.Next(2), route, verb, spelled, path, random.Next(25) == 0);
        })];
    }
}
