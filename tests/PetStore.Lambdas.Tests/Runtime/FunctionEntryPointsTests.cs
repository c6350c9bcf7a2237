using System.Text;
using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Lambdas.Runtime;

namespace PetStore.Lambdas.Tests.Runtime;

/// <summary>The custom runtime's bootstrap serves every deployed handler string, and refuses any other clearly.</summary>
public class FunctionEntryPointsTests
{
    [Fact]
    public void Every_handler_the_CDK_app_deploys_has_an_entry_point_and_nothing_else_does()
    {
        Assert.Equal(FunctionHandlers.All.Order(), FunctionEntryPoints.Handlers.Order());
    }

    [Fact]
    public async Task The_handler_named_is_the_function_created()
    {
        // The token trigger needs no environment, so it can run here: its answer shows which function was made.
        var handle = FunctionEntryPoints.For(FunctionHandlers.TokenScopes)();
        var triggerEvent = """{"version":"2","triggerSource":"TokenGeneration_Authentication","request":{},"response":{}}""";

        var output = await handle(new MemoryStream(Encoding.UTF8.GetBytes(triggerEvent)));

        var answer = JsonNode.Parse(output)!;
        Assert.Equal(ApiScope.FullName, answer["response"]!["claimsAndScopeOverrideDetails"]!["accessTokenGeneration"]!["scopesToAdd"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bootstrap")]
    [InlineData("PetStore.Lambdas::PetStore.Lambdas.Pets.PetsFunction::Handle")]
    public void An_unknown_handler_fails_the_init_naming_the_known_ones(string? handler)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionEntryPoints.For(handler));
        Assert.Contains("_HANDLER", error.Message);
        Assert.Contains(FunctionHandlers.Pets, error.Message);
    }
}
