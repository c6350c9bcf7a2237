using PetStore.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Tests.Constructs;

public class LambdaBundleTests : IDisposable
{
    private readonly RepositoryLayout _layout;

    public LambdaBundleTests()
    {
        var root = Directory.CreateTempSubdirectory("layout-").FullName;
        File.WriteAllText(Path.Combine(root, RepositoryLayout.SolutionFile), "");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />");
        Directory.CreateDirectory(Path.Combine(root, "lambdas", "PetStore.Lambdas", "obj"));
        File.WriteAllText(Path.Combine(root, "lambdas", "PetStore.Lambdas", "Handler.cs"), "class A {}");
        File.WriteAllText(Path.Combine(root, "lambdas", "PetStore.Lambdas", "obj", "build.cache"), "1");
        _layout = new RepositoryLayout(root);
    }

    public void Dispose()
    {
        Directory.Delete(_layout.Root, recursive: true);
        GC.SuppressFinalize(this);
    }

    private string Hash(params string[] arguments) => LambdaBundle.SourceHash(_layout, arguments);

    [Fact]
    public void The_same_tree_always_hashes_the_same()
    {
        Assert.Equal(Hash("-r", "linux-arm64"), Hash("-r", "linux-arm64"));
        Assert.Matches("^[0-9a-f]{64}$", Hash());
    }

    [Fact]
    public void A_source_change_changes_the_hash()
    {
        var before = Hash();
        File.WriteAllText(Path.Combine(_layout.LambdasDirectory, "PetStore.Lambdas", "Handler.cs"), "class B {}");
        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void A_central_package_version_change_changes_the_hash()
    {
        var before = Hash();
        File.WriteAllText(Path.Combine(_layout.Root, "Directory.Packages.props"), "<Project><!-- bumped --></Project>");
        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void Build_output_does_not_change_the_hash()
    {
        var before = Hash();
        File.WriteAllText(Path.Combine(_layout.LambdasDirectory, "PetStore.Lambdas", "obj", "build.cache"), "2");
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void Publishing_for_another_architecture_is_another_asset()
    {
        Assert.NotEqual(Hash("-r", LambdaBundle.RuntimeIdentifier(LambdaArchitecture.Arm64)), Hash("-r", LambdaBundle.RuntimeIdentifier(LambdaArchitecture.X86_64)));
    }
}
