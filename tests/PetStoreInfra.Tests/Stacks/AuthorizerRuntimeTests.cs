using System.Text.Json.Nodes;
using System.Xml.Linq;
using PetStore.Contract;
using PetStore.Configuration;
using PetStoreInfra.Constructs;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

/// <summary>
/// The authorizer runs as its own custom runtime by default (docs/PERFORMANCE.md), and on the managed runtime with
/// the handlers when configured so.
/// </summary>
public class AuthorizerRuntimeTests(DevApp dev, VariantApp variant)
{
    private static (JsonObject Authorizer, List<JsonObject> Handlers) Functions(SynthesizedApp app)
    {
        var functions = app.Resources(app.Stacks.Api, "AWS::Lambda::Function");
        var authorizer = functions.Single(f => f.Key.StartsWith("AuthorizerFunction", StringComparison.Ordinal)).Value["Properties"]!.AsObject();
        return (authorizer, [.. functions.Where(f => !f.Key.StartsWith("AuthorizerFunction", StringComparison.Ordinal)).Select(f => f.Value["Properties"]!.AsObject())]);
    }

    private static string AssetKey(JsonObject function) => function["Code"]!["S3Key"]!.GetValue<string>();

    [Fact]
    public void By_default_the_authorizer_is_a_custom_runtime_with_its_own_bundle()
    {
        Assert.Equal(AuthorizerRuntime.Custom, dev.Config.Lambda.AuthorizerRuntime);
        var (authorizer, handlers) = Functions(dev);

        Assert.Equal("provided.al2023", authorizer["Runtime"]!.GetValue<string>());
        Assert.Equal("bootstrap", authorizer["Handler"]!.GetValue<string>());
        Assert.All(handlers, h => Assert.NotEqual(AssetKey(authorizer), AssetKey(h)));
        // The handlers still share one bundle.
        Assert.Single(handlers.Select(AssetKey).Distinct());
    }

    [Fact]
    public void Configured_managed_the_authorizer_shares_the_handlers_bundle_and_runtime()
    {
        Assert.Equal(AuthorizerRuntime.Managed, variant.Config.Lambda.AuthorizerRuntime);
        var (authorizer, handlers) = Functions(variant);

        Assert.Equal("dotnet10", authorizer["Runtime"]!.GetValue<string>());
        Assert.Equal(FunctionHandlers.Authorizer, authorizer["Handler"]!.GetValue<string>());
        Assert.All(handlers, h => Assert.Equal(AssetKey(authorizer), AssetKey(h)));
    }

    [Fact]
    public void The_custom_runtime_project_builds_the_executable_Lambda_starts()
    {
        // Lambda runs <bundle>/bootstrap for provided.al2023: the project must be there and named so.
        var project = Path.Combine(dev.Layout.Root, "lambdas", LambdaPackage.AuthorizerRuntime.Project);
        var properties = XDocument.Load(project).Descendants().ToLookup(e => e.Name.LocalName, e => e.Value);
        Assert.Equal(LambdaPackage.AuthorizerRuntime.EntryPoint, properties["AssemblyName"].Single());
        Assert.Equal("Exe", properties["OutputType"].Single());
        Assert.Equal("true", properties["SelfContained"].Single());
    }
}
