using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Pets;

/// <summary>
/// A pet: in one store, with its status spelled as <see cref="Contract.PetStatuses"/> spells it. <paramref name="Version"/>
/// counts its writes (0: written before pets had versions), so that a change applies only to the pet it was decided on.
/// <paramref name="HeldBy"/> is the order that made it pending, the only one whose cancelling makes it available again.
/// </summary>
public sealed record Pet(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("price")] decimal Price,
    [property: JsonPropertyName("storeId")] string StoreId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonIgnore] long Version = 1,
    [property: JsonIgnore] string? HeldBy = null);

/// <summary>A pet as a client asks to create it; the id is always the server's. <paramref name="Status"/> is null when not given.</summary>
public sealed record NewPet(string Type, decimal Price, string StoreId, string? Status)
{
    public Pet ToPet(string id) => new(id, Type, Price, StoreId, Status ?? Contract.PetStatuses.Spell(Contract.PetStatus.Available));
}

/// <summary>A change to a pet: the fields given (at least one).</summary>
public sealed record PetChange(decimal? Price, string? Status)
{
    /// <summary>The pet changed; a change of status ends any order's hold on it.</summary>
    public Pet ApplyTo(Pet pet) => pet with
    {
        Price = Price ?? pet.Price,
        Status = Status ?? pet.Status,
        HeldBy = Status is null || Status == pet.Status ? pet.HeldBy : null,
    };
}

public sealed record PetPage(IReadOnlyList<Pet> Pets, string? LastId);

public sealed record PetListBody(
    [property: JsonPropertyName("pets")] IReadOnlyList<Pet> Pets,
    [property: JsonPropertyName("nextToken")] string? NextToken);

public sealed record PetCreatedBody(
    [property: JsonPropertyName("pet")] Pet Pet,
    [property: JsonPropertyName("message")] string Message);
