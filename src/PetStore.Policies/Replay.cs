using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Cedar;
using PetStore.Contract;
using PetStore.Lambdas.Authorizer;

namespace PetStore.Policies;

/// <summary>One request of the log whose decision a candidate policy set would make differently (or with other policies).</summary>
public sealed record ReplayedChange(int Line, string Time, string User, string Request, string Before, string After, bool DecisionChanges);

/// <summary>What a replay found: the lines it decided again, those it could not (and why), and the changes.</summary>
public sealed record ReplayResult(int Lines, int Replayed, IReadOnlyDictionary<string, int> Skipped, IReadOnlyList<ReplayedChange> Changes);

/// <summary>
/// Decides the requests of a stage's access log (<see cref="AccessLog.Format"/>, one JSON object a line, as CloudWatch
/// Logs exports it or local mode's <c>--access-log</c> writes it) again against a candidate policy folder, with the
/// authorizer's own request mapping and the real Cedar engine. Only the authorizer's Cedar decisions can be replayed:
/// a signed-in route's answer depends on the token alone, and a resource route is decided by its function on the
/// resource as stored then, which the log does not hold.
/// </summary>
public static class Replay
{
    public static ReplayResult Run(string logFile, PolicyStoreDefinition candidate, CedarEngine engine)
    {
        using var decisions = new CedarDecisions(engine, candidate);
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<ReplayedChange>();
        int lines = 0, replayed = 0;
        foreach (var text in File.ReadLines(logFile))
        {
            lines++;
            if (text.Trim().Length == 0) continue;
            JsonObject line;
            try
            {
                line = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{logFile}:{lines}: not an access log line ({e.Message}).");
            }
            string Field(string name) => line[name]?.GetValue<string>() ?? "";
            var reason = Field(AccessLog.ReasonKey);
            if (reason is not ("permit" or "forbid" or "no permit"))
            {
                Skip(reason.Length == 0 ? "no authorizer decision (public route, or refused before it)" : $"not decided by Cedar in the authorizer ({reason})");
                continue;
            }
            var route = RouteTable.Find(Field("httpMethod"), Field("resourcePath"));
            // $context.path is the stage, then the path as sent.
            var path = Field("path");
            var sent = path.IndexOf('/', 1) is var slash and > 0 ? path[slash..] : path;
            if (route is not { Access: Access.Policy } || !RoutePath.TryMatch(route.Path, sent, out var parameters))
            {
                Skip("not a policy route of this route table");
                continue;
            }
            replayed++;
            var principal = new CallerPrincipal(Field("user"), Field("username"), Field("provider"), Field("kind"), List(Field("groups")), List(Field("stores")));
            var request = AuthorizationRequests.Build("replay", principal, route, Field("httpMethod"), RouteParameters.Read(route, parameters.ToDictionary()));
            var answer = decisions.IsAuthorized(JsonSerializer.SerializeToNode(request, AvpJson.Default.IsAuthorizedRequest)!.AsObject())
                .Deserialize(AvpJson.Default.IsAuthorizedResponse)!;
            var before = Describe(reason, Field(AccessLog.PoliciesKey));
            var after = Describe(DecisionReason.Of(answer.Decision, answer.DeterminingPolicies), string.Join(',', answer.DeterminingPolicies?.Select(p => p.PolicyId) ?? []));
            if (before != after)
                changes.Add(new ReplayedChange(lines, Field("requestTime"), $"{Field("username")} ({Field("provider")}, [{Field("groups")}])",
                    $"{Field("httpMethod")} {sent}", before, after, (reason == "permit") != (answer.Decision == IsAuthorizedResponse.Allow)));
        }
        return new ReplayResult(lines, replayed, skipped, changes);

        void Skip(string why) => skipped[why] = skipped.GetValueOrDefault(why) + 1;
    }

    private static IReadOnlyList<string> List(string joined) => joined.Length == 0 ? [] : joined.Split(',');

    private static string Describe(string reason, string policies) => policies.Length == 0 ? reason : $"{reason} ({policies})";

    public static void Write(ReplayResult result, TextWriter output, bool json)
    {
        if (json)
        {
            output.WriteLine(new JsonObject
            {
                ["lines"] = result.Lines,
                ["replayed"] = result.Replayed,
                ["skipped"] = new JsonObject([.. result.Skipped.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))]),
                ["changes"] = new JsonArray([.. result.Changes.Select(c => (JsonNode)new JsonObject
                {
                    ["line"] = c.Line, ["time"] = c.Time, ["user"] = c.User, ["request"] = c.Request,
                    ["before"] = c.Before, ["after"] = c.After, ["decisionChanges"] = c.DecisionChanges,
                })]),
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        output.WriteLine($"{result.Lines} lines: {result.Replayed} decided again, {result.Changes.Count(c => c.DecisionChanges)} would be decided the other way, " +
            $"{result.Changes.Count(c => !c.DecisionChanges)} the same way by other policies.");
        foreach (var (why, count) in result.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal)) output.WriteLine($"  not replayed: {count} {why}");
        foreach (var change in result.Changes)
            output.WriteLine($"  line {change.Line}, {change.Time}: {change.User} {change.Request}: {change.Before} -> {change.After}{(change.DecisionChanges ? "" : " (same decision)")}");
    }
}
