using System.Xml.Linq;
using PetStore.Configuration;

namespace PetStoreInfra.Tests.Layering;

/// <summary>
/// Which project may build on which, read from the project files: the product never builds on tests or benchmarks, no
/// project builds on a test project, and the onboarding CLI builds without the Lambda functions (it shares only the
/// AWS wire code with them).
/// </summary>
public class ProjectLayeringTests
{
    private static readonly string Root = RepositoryLayout.Find(AppContext.BaseDirectory).Root;

    /// <summary>Every project of the repository, by path relative to the root, with the projects it references directly.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Projects = Directory
        .EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
        .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
        .ToDictionary(Relative, p => (IReadOnlyList<string>)[.. XDocument.Load(p).Descendants("ProjectReference")
            .Select(r => Relative(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(p)!, r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)))))]);

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static bool IsTestProject(string project) => project.StartsWith("tests/", StringComparison.Ordinal) && project.EndsWith(".Tests.csproj", StringComparison.Ordinal);

    private static IEnumerable<string> Closure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
            foreach (var reference in Projects.GetValueOrDefault(current, []))
                if (seen.Add(reference)) pending.Push(reference);
        return seen;
    }

    [Fact]
    public void No_project_builds_on_a_test_project()
    {
        Assert.Contains(Projects.Keys, IsTestProject);
        foreach (var (project, references) in Projects)
            Assert.False(references.Any(IsTestProject), $"{project} references a test project: {string.Join(", ", references.Where(IsTestProject))}");
    }

    [Fact]
    public void The_product_builds_on_neither_tests_nor_benchmarks()
    {
        foreach (var project in Projects.Keys.Where(p => p.StartsWith("src/", StringComparison.Ordinal) || p.StartsWith("lambdas/", StringComparison.Ordinal)))
        {
            var outside = Closure(project).Where(r => r.StartsWith("tests/", StringComparison.Ordinal) || r.StartsWith("benchmarks/", StringComparison.Ordinal)).ToList();
            Assert.True(outside.Count == 0, $"{project} builds on {string.Join(", ", outside)}");
        }
    }

    [Fact]
    public void The_onboarding_CLI_builds_without_the_Lambda_functions()
    {
        var cli = Assert.Single(Projects.Keys, p => p.EndsWith("/PetStore.Tenants.csproj", StringComparison.Ordinal));
        Assert.DoesNotContain(Closure(cli), r => r.EndsWith("/PetStore.Lambdas.csproj", StringComparison.Ordinal));
        Assert.Contains(Closure(cli), r => r.EndsWith("/PetStore.Aws.csproj", StringComparison.Ordinal));
    }
}
