using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Users;

public sealed record UserCreatedBody(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("userConfirmed")] bool UserConfirmed);
