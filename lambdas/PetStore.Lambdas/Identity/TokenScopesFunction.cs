using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Lambdas.Runtime;

namespace PetStore.Lambdas.Identity;

/// <summary>Lambda entry point of the pre token generation trigger.</summary>
public sealed class TokenScopesFunction
{
    public async Task<Stream> HandleAsync(Stream input)
    {
        var triggerEvent = JsonNode.Parse(await EventPayload.ReadAsync(input)) as JsonObject
            ?? throw new JsonException("The trigger event is not a JSON object.");
        return EventPayload.InMemory(Encoding.UTF8.GetBytes(TokenScopes.AddApiScope(triggerEvent).ToJsonString()));
    }
}
