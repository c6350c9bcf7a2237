using System.Text;
using PetStore.Contract;

namespace PetStore.Local.Tests.Differential;

/// <summary>
/// Random schema-valid policy sets over the resource routes: permit and forbid; principal unconstrained, in a group or
/// one person; the actions of one resource type (the "read orders" group among them); when/unless conditions on the
/// principal (groups, username, stores), the resource's attributes and parent store, the owner
/// (<c>principal == resource.owner</c>, often as a conjunct, so lists use the owner index), the body and path parameters.
/// </summary>
internal static class EntityPolicyGenerator
{
    private const string Ns = "PetStore";

    private static readonly Dictionary<string, string[]> ActionsByType = new()
    {
        ["Store"] = ["post /pets"],
        ["Pet"] = ["patch /pets/{petId}", "post /orders"],
        ["Order"] = ["get /orders", "get /orders/{orderId}", "delete /orders/{orderId}"],
    };

    public static string Generate(Random random, EntityWorld world)
    {
        var text = new StringBuilder();
        var count = random.Next(3, 9);
        for (var i = 0; i < count; i++)
        {
            var type = ActionsByType.Keys.ElementAt(random.Next(ActionsByType.Count));
            var actions = ActionsByType[type];
            string action;
            string[] chosen;
            if (type == "Order" && random.Next(3) == 0)
            {
                action = $"action in {Ns}::Action::\"read orders\"";
                chosen = ["get /orders", "get /orders/{orderId}"];
            }
            else
            {
                chosen = [.. actions.Where(_ => random.Next(2) == 0).DefaultIfEmpty(actions[random.Next(actions.Length)])];
                action = chosen.Length == 1 && random.Next(2) == 0
                    ? $"action == {Ns}::Action::\"{chosen[0]}\""
                    : $"action in [{string.Join(", ", chosen.Select(a => $"{Ns}::Action::\"{a}\""))}]";
            }
            var permit = random.Next(10) < 8;
            text.AppendLine($"@id(\"e{i}\")");
            text.AppendLine($"{(permit ? "permit" : "forbid")} ({Principal(random, world)}, {action}, resource)");
            var conditions = random.Next(4) switch { 0 or 1 => 0, 2 => 1, _ => 2 };
            // Owners' own orders: the shape that sends a list to the owner index.
            if (type == "Order" && permit && random.Next(2) == 0)
                text.Append($" when {{ {(random.Next(2) == 0 ? "principal == resource.owner" : "resource.owner == principal")}{(random.Next(2) == 0 ? "" : $" && {Atom(random, world, type, chosen)}")} }}");
            for (var c = 0; c < conditions; c++)
                text.Append($" {(random.Next(3) == 0 ? "unless" : "when")} {{ {Condition(random, world, type, chosen)} }}");
            text.AppendLine(";");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Principal(Random random, EntityWorld world) => random.Next(5) switch
    {
        0 => "principal",
        1 => $"principal == {Ns}::User::\"{world.People[random.Next(world.People.Count)].PrincipalId}\"",
        _ => $"principal in {Ns}::UserGroup::\"{Groups.All[random.Next(Groups.All.Count)]}\"",
    };

    private static string Condition(Random random, EntityWorld world, string type, string[] actions)
    {
        var atom = Atom(random, world, type, actions);
        return random.Next(4) switch
        {
            0 => $"{atom} && {Atom(random, world, type, actions)}",
            1 => $"{atom} || {Atom(random, world, type, actions)}",
            2 => $"!({atom})",
            _ => atom,
        };
    }

    /// <summary>A decimal as Cedar writes it: at least one decimal place.</summary>
    public static string Decimal(decimal value) => value.ToString("0.0###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Store(Random random) => $"{Ns}::Store::\"{EntityWorld.StoreIds[random.Next(EntityWorld.StoreIds.Length)]}\"";

    private static string Atom(Random random, EntityWorld world, string type, string[] actions)
    {
        string[] common =
        [
            $"principal in {Ns}::UserGroup::\"{Groups.All[random.Next(Groups.All.Count)]}\"",
            $"principal.username == \"{EntityWorld.Names[random.Next(EntityWorld.Names.Length)]}\"",
            $"principal.stores.contains({Store(random)})",
            "principal.kind == \"person\"",
        ];
        string[] specific = type switch
        {
            "Store" =>
            [
                "principal.stores.contains(resource)",
                $"resource == {Store(random)}",
                $"resource.name == \"{EntityWorld.Stores[random.Next(EntityWorld.Stores.Count)].Name}\"",
                "context.body has status && context.body.status == \"sold\"",
                $"context.body.price.lessThan(decimal(\"{Decimal(EntityWorld.Prices[random.Next(EntityWorld.Prices.Length)])}\"))",
                $"context.body.type == \"{EntityWorld.PetTypes[random.Next(EntityWorld.PetTypes.Length)]}\"",
            ],
            "Pet" =>
            [
                "principal.stores.contains(resource.store)",
                $"resource in {Store(random)}",
                $"resource.status == \"{PetStatuses.All[random.Next(PetStatuses.All.Count)]}\"",
                $"resource.price.lessThan(decimal(\"{Decimal(EntityWorld.Prices[random.Next(EntityWorld.Prices.Length)])}\"))",
                $"resource.type == \"{EntityWorld.PetTypes[random.Next(EntityWorld.PetTypes.Length)]}\"",
                "resource.store.name == \"Uptown\"",
                .. actions.All(a => a == "patch /pets/{petId}")
                    ? new[] { "context.body has price", "context.body has status && context.body.status == \"pending\"", "context.pathParameters.petId like \"*01\"" }
                    : [],
            ],
            _ =>
            [
                "principal == resource.owner",
                "principal.stores.contains(resource.store)",
                $"resource in {Store(random)}",
                $"resource.status == \"{(random.Next(2) == 0 ? OrderStatus.Placed : OrderStatus.Cancelled)}\"",
                $"resource.store == {Store(random)}",
                $"resource.owner == {Ns}::User::\"{world.People[random.Next(world.People.Count)].PrincipalId}\"",
            ],
        };
        return random.Next(3) == 0 ? common[random.Next(common.Length)] : specific[random.Next(specific.Length)];
    }
}
