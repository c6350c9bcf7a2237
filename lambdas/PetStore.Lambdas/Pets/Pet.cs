using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Pets;

public sealed record Pet(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("price")] decimal Price);

/// <summary>A pet as a client asks to create it; the id is always the server's.</summary>
public sealed record NewPet(string Type, decimal Price);

public sealed record PetPage(IReadOnlyList<Pet> Pets, string? LastId);

public sealed record PetListBody(
    [property: JsonPropertyName("pets")] IReadOnlyList<Pet> Pets,
    [property: JsonPropertyName("nextToken")] string? NextToken);

public sealed record PetCreatedBody(
    [property: JsonPropertyName("pet")] Pet Pet,
    [property: JsonPropertyName("message")] string Message);
