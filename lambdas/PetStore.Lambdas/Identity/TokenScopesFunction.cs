using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PetStore.Lambdas.Runtime;

namespace PetStore.Lambdas.Identity;

/// <summary>Lambda entry point of the pre token generation trigger.</summary>
public sealed class TokenScopesFunction
{
    public Task<Stream> HandleAsync(Stream input)
    {
        var triggerEvent = JsonNode.Parse(EventPayload.Read(input)) as JsonObject
            ?? throw new JsonException("The trigger event is not a JSON object.");
        return Task.FromResult(EventPayload.Answer(Encoding.UTF8.GetBytes(TokenScopes.AddApiScope(triggerEvent).ToJsonString())));
    }
}
