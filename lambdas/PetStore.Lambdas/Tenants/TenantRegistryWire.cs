using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Tenants;

// DynamoDB's JSON 1.0 shapes (DynamoDB_20120810) for the one call the authorizer makes on the registry, GetItem.

/// <summary>A DynamoDB attribute value, with the two types the registry uses.</summary>
public sealed record ItemValue
{
    [JsonPropertyName("S")] public string? S { get; init; }
    [JsonPropertyName("BOOL")] public bool? Bool { get; init; }
}

public sealed record GetItemRequest(
    [property: JsonPropertyName("TableName")] string TableName,
    [property: JsonPropertyName("Key")] IReadOnlyDictionary<string, ItemValue> Key);

public sealed record GetItemResponse
{
    [JsonPropertyName("Item")] public Dictionary<string, ItemValue>? Item { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetItemRequest))]
[JsonSerializable(typeof(GetItemResponse))]
public sealed partial class TenantRegistryJson : JsonSerializerContext;
