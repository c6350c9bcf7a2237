namespace PetStore.Lambdas.ApiGateway;

public sealed record MessageBody([property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
