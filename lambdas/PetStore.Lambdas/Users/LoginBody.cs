using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Users;

public sealed record LoginBody(
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("idToken")] string IdToken,
    [property: JsonPropertyName("refreshToken")] string RefreshToken,
    [property: JsonPropertyName("expiresIn")] int ExpiresIn,
    [property: JsonPropertyName("tokenType")] string TokenType);
