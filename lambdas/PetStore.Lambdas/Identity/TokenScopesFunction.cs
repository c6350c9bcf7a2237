using System.Text.Json;
using System.Text.Json.Nodes;

namespace PetStore.Lambdas.Identity;

/// <summary>Lambda entry point of the pre token generation trigger.</summary>
public sealed class TokenScopesFunction
{
    public async Task<Stream> HandleAsync(Stream input)
    {
        var triggerEvent = await JsonNode.ParseAsync(input) as JsonObject
            ?? throw new JsonException("The trigger event is not a JSON object.");
        var output = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(output)) TokenScopes.AddApiScope(triggerEvent).WriteTo(writer);
        output.Position = 0;
        return output;
    }
}
