using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Contract;

/// <summary>The environment's stores as the functions receive them in <see cref="FunctionVariables.Stores"/>.</summary>
public static class Stores
{
    public static string ToJson(IEnumerable<Store> stores) => JsonSerializer.Serialize(stores.ToList(), StoresJson.Default.ListStore);

    public static IReadOnlyList<Store> Parse(string json)
    {
        List<Store>? stores;
        try
        {
            stores = JsonSerializer.Deserialize(json, StoresJson.Default.ListStore);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{FunctionVariables.Stores} is not a JSON list of stores: {e.Message}");
        }
        return stores is { Count: > 0 } && stores.All(s => Store.IsValidId(s.Id))
            ? stores
            : throw new InvalidOperationException($"{FunctionVariables.Stores} must list at least one store, each with a valid id.");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<Store>))]
internal sealed partial class StoresJson : JsonSerializerContext;
