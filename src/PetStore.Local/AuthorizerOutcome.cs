using System.Text.Json;

namespace PetStore.Local;

/// <summary>
/// What the authorizer step decided: 200 with the context for the integration and the API key that meters the request,
/// or the status and message to answer.
/// </summary>
public sealed record AuthorizerOutcome(int Status, string? Message, Dictionary<string, JsonElement>? Context, string? ApiKey = null)
{
    public bool Allowed => Context is not null;
}
