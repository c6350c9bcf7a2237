using System.Text.Json;

namespace PetStore.Local;

/// <summary>
/// What the authorizer step decided: 200 with the context for the integration and the API key that meters the request,
/// or the status and message to answer. <paramref name="Answer"/> is the authorizer's answer context (and its
/// principal), allowed or not, as the stage's access log sees it.
/// </summary>
public sealed record AuthorizerOutcome(int Status, string? Message, Dictionary<string, JsonElement>? Context, string? ApiKey = null,
    IReadOnlyDictionary<string, string>? Answer = null)
{
    public bool Allowed => Context is not null;
}
