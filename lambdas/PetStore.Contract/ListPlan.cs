using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Contract;

/// <summary>
/// Where a list route finds the items a caller may read, as the policies allow (derived at synth and on every local
/// reload): a caller whom every applicable permit restricts to <c>principal == resource.owner</c> is shown only items
/// of the table's owner index; any other caller, the whole table, scanned. Either way each item is decided by the
/// policies, so the plan only narrows where to look, never what is shown.
/// JSON (the orders function's <c>ORDERS_LIST_PLAN</c>): <c>{"scanForEveryone":false,"scanForGroups":["employees","owners"]}</c>.
/// </summary>
/// <param name="ScanForEveryone">A permit that can admit any caller reads beyond the owner: always scan.</param>
/// <param name="ScanForGroups">The groups some permit not restricted to the owner admits: their members scan.</param>
public sealed record ListPlan(
    [property: JsonPropertyName("scanForEveryone")] bool ScanForEveryone,
    [property: JsonPropertyName("scanForGroups")] IReadOnlyList<string> ScanForGroups)
{
    /// <summary>The resource attribute a permit compares with the principal to show only the caller's own items.</summary>
    public const string OwnerAttribute = "owner";

    /// <summary>What nothing is known about: the whole table, for everyone.</summary>
    public static readonly ListPlan ScanAlways = new(true, []);

    /// <summary>Whether a caller in these groups must be shown the whole table (else the owner index holds all it may read).</summary>
    public bool Scans(IReadOnlyList<string> groups) => ScanForEveryone || groups.Any(ScanForGroups.Contains);

    /// <summary>Where each caller's list looks, for authors: local mode prints it, the plan compares it.</summary>
    public string Describe() => (ScanForEveryone ? "every caller's list scans the whole table"
        : (ScanForGroups.Count == 0 ? "nobody scans the whole table" : $"members of {string.Join(", ", ScanForGroups)} scan the whole table") +
          $"; everyone else reads only their own (the {OrdersTableAccess.OwnerIndex} index)") + ", every item decided";

    public string ToJson() => JsonSerializer.Serialize(this with { ScanForGroups = [.. ScanForGroups.Distinct().Order(StringComparer.Ordinal)] }, ListPlanJson.Default.ListPlan);

    public static ListPlan Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ListPlanJson.Default.ListPlan) is { ScanForGroups: not null } plan ? plan
                : throw new InvalidOperationException($"{FunctionVariables.OrdersListPlan} must be a JSON object with scanForEveryone and scanForGroups.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{FunctionVariables.OrdersListPlan} is not a list plan ({{\"scanForEveryone\":false,\"scanForGroups\":[...]}}): {e.Message}");
        }
    }
}

[JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ListPlan))]
internal sealed partial class ListPlanJson : JsonSerializerContext;
