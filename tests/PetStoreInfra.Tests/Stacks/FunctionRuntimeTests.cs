using System.Text.Json.Nodes;
using System.Xml.Linq;
using PetStore.Contract;
using PetStore.Configuration;
using PetStoreInfra.Constructs;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

/// <summary>
/// Every function runs on the project's custom runtime by default, all from one bundle (docs/PERFORMANCE.md); on the
/// managed runtime when configured so; the authorizer's runtime is chosen apart (<c>lambda.authorizerRuntime</c>).
/// Whatever the runtime, a function is configured with its handler string.
/// </summary>
public class FunctionRuntimeTests(DevApp dev, VariantApp variant)
{
    private sealed record DeployedFunction(string Stack, string LogicalId, string Runtime, string Handler, string AssetKey);

    private static List<DeployedFunction> Functions(SynthesizedApp app) =>
    [
        .. app.AllStacks.SelectMany(stack => app.Resources(stack, "AWS::Lambda::Function")
            .Select(f => (Id: f.Key, Properties: f.Value["Properties"]!.AsObject()))
            // Only ours: CDK's own provider functions (log retention, custom resources) run Node.
            .Where(f => FunctionHandlers.All.Contains(f.Properties["Handler"]?.GetValue<string>()))
            .Select(f => new DeployedFunction(stack.StackName, f.Id, f.Properties["Runtime"]!.GetValue<string>(),
                f.Properties["Handler"]!.GetValue<string>(), AssetKey(f.Properties)))),
    ];

    private static string AssetKey(JsonObject function) => function["Code"]!["S3Key"]!.GetValue<string>();

    [Fact]
    public void By_default_every_function_is_the_custom_runtime_from_one_bundle_named_by_its_handler()
    {
        Assert.Equal(FunctionRuntime.Custom, dev.Config.Lambda.Runtime);
        Assert.Equal(FunctionRuntime.Custom, dev.Config.Lambda.AuthorizerRuntime);
        var functions = Functions(dev);

        // Every handler the code defines is deployed, each once.
        Assert.Equal(FunctionHandlers.All.Order(), functions.Select(f => f.Handler).Order());
        Assert.All(functions, f => Assert.Equal("provided.al2023", f.Runtime));
        Assert.Single(functions.Select(f => f.AssetKey).Distinct());
    }

    [Fact]
    public void Configured_managed_the_functions_run_on_dotnet10_and_the_authorizer_keeps_its_own_setting()
    {
        Assert.Equal(FunctionRuntime.Managed, variant.Config.Lambda.Runtime);
        Assert.Equal(FunctionRuntime.Custom, variant.Config.Lambda.AuthorizerRuntime);
        var functions = Functions(variant);
        var authorizer = functions.Single(f => f.Handler == FunctionHandlers.Authorizer);
        var others = functions.Where(f => f != authorizer).ToList();

        Assert.All(others, f => Assert.Equal(LambdaPackage.Dotnet10.Name, f.Runtime));
        Assert.Single(others.Select(f => f.AssetKey).Distinct());
        Assert.Equal("provided.al2023", authorizer.Runtime);
        Assert.DoesNotContain(authorizer.AssetKey, others.Select(f => f.AssetKey));
    }

    [Fact]
    public void The_custom_runtime_project_builds_the_self_contained_executable_Lambda_starts()
    {
        // Lambda runs <bundle>/bootstrap for provided.al2023: the project must be there and named so.
        var project = Path.Combine(dev.Layout.Root, "lambdas", LambdaPackage.Custom.Project);
        var properties = XDocument.Load(project).Descendants().ToLookup(e => e.Name.LocalName, e => e.Value);
        Assert.Equal("bootstrap", properties["AssemblyName"].Single());
        Assert.Equal("Exe", properties["OutputType"].Single());
        Assert.Equal("true", properties["SelfContained"].Single());
        Assert.Equal("true", properties["PublishTrimmed"].Single());
    }
}
