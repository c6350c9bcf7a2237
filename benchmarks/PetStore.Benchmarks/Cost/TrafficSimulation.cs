using PetStore.Contract;

namespace PetStore.Benchmarks.Cost;

/// <summary>
/// Plays every session of the simulated days, seeded so the result is the same each run: each session signs in (and
/// answers a TOTP challenge where its role's pool requires MFA),
/// loads the welcome route, then makes its role's requests at random times; its token is refreshed each lifetime.
/// Which requests go through the Lambda authorizer, and how its decisions are cached, is the design under test.
/// </summary>
public static class TrafficSimulation
{
    /// <param name="groupsSigningInWithMfa">Roles (groups) whose pool requires MFA: each sign-in also answers a TOTP challenge.</param>
    /// <param name="asksVerifiedPermissions">Whether the authorizer, invoked for a route, calls Verified Permissions. Every
    /// protected route goes through the Lambda authorizer; an answer from API Gateway's cache invokes nothing.</param>
    /// <param name="listPlan">Where a list looks for a caller's orders, as the policies have it (<see cref="RouteUsage"/>).</param>
    /// <param name="handlerAsksVerifiedPermissions">Whether the route's function calls Verified Permissions itself, on
    /// every request that reaches it (a resource route: nothing of it is cached), as <see cref="RouteUsage"/> says.</param>
    public static TrafficCounts Run(string design, TrafficModel model, int tokenLifetimeMinutes, IReadOnlySet<string> groupsSigningInWithMfa,
        Func<Route, bool> asksVerifiedPermissions, IAuthorizerCacheRule cache, ListPlan listPlan, Func<Route, bool>? handlerAsksVerifiedPermissions = null)
    {
        handlerAsksVerifiedPermissions ??= _ => false;
        var random = new Random(model.Seed);
        var login = Single(RouteTable.Operations.Login);
        var answerMfa = Single(RouteTable.Operations.AnswerMfa);
        var welcome = Single(RouteTable.Operations.Welcome);
        var totals = RouteTable.All.ToDictionary(r => r, _ => RouteTotals.Zero);
        long sessions = 0, tokens = 0, authorizer = 0;
        var lifetime = tokenLifetimeMinutes * 60.0;

        foreach (var (roleName, role) in model.Roles.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!Groups.All.Contains(roleName))
                throw new InvalidDataException($"traffic-model.json: role '{roleName}' is not a group ({string.Join(", ", Groups.All)}).");
            var mfa = groupsSigningInWithMfa.Contains(roleName);
            var mix = role.Mix.Select(m => (Request: ParseRoute(m.Key, roleName), Weight: m.Value)).ToList();
            var usage = RouteTable.All.ToDictionary(r => r, r => RouteUsage.For(r, model, roleName, role, listPlan));
            void Count(Route route, bool authorizerAsked = false) =>
                totals[route] = totals[route].Add(authorizerAsked, usage[route], handlerAsksVerifiedPermissions(route));
            var users = (int)Math.Round(model.DailyActiveUsers * role.Share);
            var seconds = role.SessionMinutes * 60;
            var count = (int)Math.Round(role.RequestsPerMinute * role.SessionMinutes);
            for (var session = 0L; session < (long)users * role.SessionsPerDay * model.Days; session++)
            {
                sessions++;
                Count(login);
                if (mfa) Count(answerMfa);
                Count(welcome);
                // The sign-in's token, then one refresh per lifetime the session outlasts.
                tokens += (long)Math.Ceiling(seconds / lifetime);

                var times = Enumerable.Range(0, count).Select(_ => random.NextDouble() * seconds).Order().ToList();
                var cached = new Dictionary<string, double>();
                foreach (var time in times)
                {
                    var (route, method) = Pick(mix, random);
                    if (route.Access == Access.Public)
                    {
                        Count(route);
                        continue;
                    }

                    authorizer++;
                    var request = new SimulatedRequest(roleName, session, route, method, route.Path, (int)(time / lifetime), time);
                    if (cache.For(request) is { } entry)
                    {
                        if (cached.TryGetValue(entry.Key, out var expires) && time < expires)
                        {
                            // API Gateway answers from its cache: no authorizer invocation, no Verified Permissions call.
                            authorizer--;
                            Count(route);
                            continue;
                        }
                        cached[entry.Key] = time + entry.TtlSeconds;
                    }
                    Count(route, asksVerifiedPermissions(route));
                }
            }
        }
        return new TrafficCounts(design, sessions, tokens, totals, authorizer);
    }

    private static Route Single(string operation) => RouteTable.All.Single(r => r.Operation == operation);

    private static (Route Route, string Method) ParseRoute(string key, string role)
    {
        var parts = key.Split(' ');
        return parts.Length == 2 && RouteTable.Find(parts[0], parts[1]) is { } route && route.Access != Access.Public
            ? (route, parts[0])
            : throw new InvalidDataException($"traffic-model.json: '{key}' in role {role} is not a protected route of the route table.");
    }

    private static (Route Route, string Method) Pick(IReadOnlyList<((Route Route, string Method) Request, double Weight)> mix, Random random)
    {
        var roll = random.NextDouble() * mix.Sum(m => m.Weight);
        foreach (var (request, weight) in mix)
        {
            roll -= weight;
            if (roll < 0) return request;
        }
        return mix[^1].Request;
    }
}
