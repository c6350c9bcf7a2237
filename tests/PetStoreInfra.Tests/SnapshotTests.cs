using System.Text.Json;
using System.Text.RegularExpressions;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests;

/// <summary>
/// Every stack's template against a checked-in snapshot, so that any change to what gets deployed is seen in review.
/// Update on purpose with: <c>UPDATE_SNAPSHOTS=1 dotnet test tests/PetStoreInfra.Tests</c>.
/// </summary>
public partial class SnapshotTests(DevApp dev, ProdApp prod)
{
    private static readonly string[] Environments = ["dev", "prod"];

    /// <summary>Every stack the app builds (the stacks record's properties, named as <see cref="PetStoreApp"/> names them), per environment.</summary>
    private static IEnumerable<string> StackConcerns =>
        typeof(PetStoreStacks).GetProperties().Where(p => typeof(Amazon.CDK.Stack).IsAssignableFrom(p.PropertyType)).Select(p => p.Name);

    public static TheoryData<string, string> Stacks => [.. Environments.SelectMany(env => StackConcerns.Select(concern => (env, concern)))];

    [Fact]
    public void Every_synthesized_stack_has_a_snapshot_case_and_every_snapshot_file_a_stack()
    {
        var synthesized = new[] { (SynthesizedApp)dev, prod }.SelectMany(app => app.AllStacks.Select(s => s.StackName)).Order().ToList();
        var cases = Stacks.Select(row => $"PetStore-{row.Data.Item1}-{row.Data.Item2}").Order().ToList();
        Assert.Equal(synthesized, cases);

        var files = Directory.EnumerateFiles(Path.Combine(dev.Layout.Root, "tests", "PetStoreInfra.Tests", "Snapshots"), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(synthesized, files);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Template_matches_its_snapshot(string environment, string stackName)
    {
        var app = environment == "dev" ? (SynthesizedApp)dev : prod;
        var stack = app.AllStacks.Single(s => s.StackName == $"PetStore-{environment}-{stackName}");
        var actual = Normalize(app.TemplateJson(stack).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var path = Path.Combine(app.Layout.Root, "tests", "PetStoreInfra.Tests", "Snapshots", $"{stack.StackName}.json");

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}. Create it with: UPDATE_SNAPSHOTS=1 dotnet test tests/PetStoreInfra.Tests");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(expected == actual,
            $"{stack.StackName} differs from {path}. If the change is intended, run: UPDATE_SNAPSHOTS=1 dotnet test tests/PetStoreInfra.Tests" +
            $"{Environment.NewLine}{FirstDifference(expected, actual)}");
    }

    /// <summary>
    /// Asset hashes follow the Lambda sources and the policy version the policies' text: neither is what the snapshot
    /// is about (the decision cases and the policy tests check the policies).
    /// </summary>
    internal static string Normalize(string template) =>
        PolicyVersion().Replace(AssetHash().Replace(template, "[ASSET].$1"), "$1[POLICY VERSION]\"").ReplaceLineEndings("\n") + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right) return $"First difference at line {i + 1}:{Environment.NewLine}- {left.Trim()}{Environment.NewLine}+ {right.Trim()}";
        }
        return "";
    }

    [GeneratedRegex("[0-9a-f]{64}\\.(zip|json)")]
    private static partial Regex AssetHash();

    [GeneratedRegex("(\"POLICY_VERSION\": \")[0-9a-f]{12}\"")]
    private static partial Regex PolicyVersion();
}
