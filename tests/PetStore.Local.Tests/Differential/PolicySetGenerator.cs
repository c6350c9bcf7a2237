using System.Text;
using PetStore.Contract;

namespace PetStore.Local.Tests.Differential;

/// <summary>
/// Random but schema-valid policy sets: permit and forbid; principal unconstrained, in a group, or one user; one or
/// several actions of one route (or every action); when/unless conditions on principal.username, principal.provider,
/// group membership and, for routes that have one, context.pathParameters.* with == and like, on values of the
/// parameter's kind.
/// </summary>
internal static class PolicySetGenerator
{
    public static readonly string[] ProxyValues = ["reports/q1", "reports/q2", "billing", "reports", "drafts/x"];
    private static readonly string[] ProxyPatterns = ["reports/*", "*q1", "drafts/*", "b*", "*"];
    public static readonly string[] IdValues =
        ["0198f3a2-7b7c-7d1e-9f00-000000000001", "0198f3a2-7b7c-7d1e-9f00-000000000002", "0198f3a2-7b7c-7d1e-9f00-0000000000a3"];
    private static readonly string[] IdPatterns = ["0198*", "*1", "*a3", "*"];

    /// <summary>The values requests and policies use for a parameter of this kind.</summary>
    public static string[] ValuesFor(PathParameterKind kind) => kind == PathParameterKind.Id ? IdValues : ProxyValues;

    private static string[] PatternsFor(PathParameterKind kind) => kind == PathParameterKind.Id ? IdPatterns : ProxyPatterns;

    public static string Generate(Random random, World world)
    {
        var text = new StringBuilder();
        var count = random.Next(2, 7);
        var policyRoutes = RouteTable.All.Where(r => r.Access == Access.Policy).ToList();
        for (var i = 0; i < count; i++)
        {
            var route = policyRoutes[random.Next(policyRoutes.Count)];
            var everyAction = random.Next(10) == 0;
            text.AppendLine($"@id(\"p{i}\")");
            text.AppendLine($"{(random.Next(10) < 7 ? "permit" : "forbid")} (");
            text.AppendLine($"  {Principal(random, world)},");
            text.AppendLine($"  {(everyAction ? "action" : Action(random, route))},");
            text.AppendLine("  resource");
            text.Append(')');
            for (var c = random.Next(3); c > 0; c--)
                text.Append($" {(random.Next(3) == 0 ? "unless" : "when")} {{ {Condition(random, world, everyAction ? [] : route.Parameters)} }}");
            text.AppendLine(";");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Principal(Random random, World world) => random.Next(4) switch
    {
        0 => "principal",
        1 => $"principal == {CedarAction.UserType}::\"{world.People[random.Next(world.People.Count)].PrincipalId}\"",
        _ => $"principal in {CedarAction.GroupType}::\"{Groups.All[random.Next(Groups.All.Count)]}\"",
    };

    private static string Action(Random random, Route route)
    {
        var ids = route.CedarActionIds.Where(_ => random.Next(2) == 0).DefaultIfEmpty(route.CedarActionIds[0]).ToList();
        return ids.Count == 1 && random.Next(2) == 0
            ? $"action == {CedarAction.ActionType}::\"{ids[0]}\""
            : $"action in [{string.Join(", ", ids.Select(id => $"{CedarAction.ActionType}::\"{id}\""))}]";
    }

    private static string Condition(Random random, World world, IReadOnlyList<(string Name, PathParameterKind Kind)> parameters)
    {
        var atom = Atom(random, world, parameters);
        return random.Next(4) switch
        {
            0 => $"{atom} && {Atom(random, world, parameters)}",
            1 => $"{atom} || {Atom(random, world, parameters)}",
            2 => $"!({atom})",
            _ => atom,
        };
    }

    private static string Atom(Random random, World world, IReadOnlyList<(string Name, PathParameterKind Kind)> parameters)
    {
        var name = World.Names[random.Next(World.Names.Length)];
        var kinds = parameters.Count > 0 ? 6 : 4;
        var parameter = parameters.Count > 0 ? parameters[random.Next(parameters.Count)] : default;
        return random.Next(kinds) switch
        {
            0 => $"principal.username == \"{name}\"",
            1 => $"principal.username like \"{name[0]}*\"",
            2 => $"principal.provider == \"{(random.Next(2) == 0 ? world.Users.Pool.Name : world.Staff.Pool.Name)}\"",
            3 => $"principal in {CedarAction.GroupType}::\"{Groups.All[random.Next(Groups.All.Count)]}\"",
            4 => $"context.pathParameters.{parameter.Name} == \"{Pick(random, ValuesFor(parameter.Kind))}\"",
            _ => $"context.pathParameters.{parameter.Name} like \"{Pick(random, PatternsFor(parameter.Kind))}\"",
        };
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
