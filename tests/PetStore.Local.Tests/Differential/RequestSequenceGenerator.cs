using PetStore.Contract;

namespace PetStore.Local.Tests.Differential;

/// <summary>One request of a sequence, as intended: who, with which of their tokens, which route, verb and parameter, spelled how.</summary>
internal sealed record GeneratedRequest(WorldUser User, int TokenIndex, Route Route, string Verb, IReadOnlyDictionary<string, string> Parameters, string Path, bool ClockJumps)
{
    public string Token => User.Tokens[TokenIndex];

    public override string ToString() => $"{User} token {TokenIndex + 1}: {Verb} {Path}{(ClockJumps ? " (after the cache TTL)" : "")}";
}

/// <summary>
/// Random request sequences over a few users: repeated tokens, two tokens of one user, the routes' verbs and paths
/// (a few parameter values, so paths repeat), spellings API Gateway routes the same way (extra leading or trailing
/// slashes), and now and then a clock jump past the cache TTL.
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
            // A greedy parameter takes any value; a one-segment parameter ({petId}) only values without a slash, or the
            // path is another route's (or none).
            var parameters = RoutePath.Segments(route.Path).Where(RoutePath.IsParameter).ToDictionary(RoutePath.ParameterName, s =>
            {
                var values = RoutePath.IsGreedy(s) ? PolicySetGenerator.ProxyValues : [.. PolicySetGenerator.ProxyValues.Where(v => !v.Contains('/'))];
                return values[random.Next(values.Length)];
            });
            var path = string.Concat(RoutePath.Segments(route.Path).Select(s => "/" + (RoutePath.IsParameter(s) ? parameters[RoutePath.ParameterName(s)] : s)));
            path = random.Next(6) switch
            {
                0 => path + "/",
                1 => "/" + path,
                _ => path,
            };
            return new GeneratedRequest(users[random.Next(users.Count)], random.Next(2), route, verb, parameters, path, random.Next(25) == 0);
        })];
    }
}
