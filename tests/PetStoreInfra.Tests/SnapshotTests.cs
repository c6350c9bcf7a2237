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
    public static TheoryData<string, string> Stacks => new()
    {
        { "dev", "Data" }, { "dev", "Identity" }, { "dev", "Authorization" }, { "dev", "Api" }, { "dev", "Edge" }, { "dev", "Perimeter" }, { "dev", "Operations" },
        { "prod", "Data" }, { "prod", "Identity" }, { "prod", "Authorization" }, { "prod", "Api" }, { "prod", "Edge" }, { "prod", "Perimeter" }, { "prod", "Operations" },
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Template_matches_its_snapshot(string environment, string stackName)
    {
        var app = environment == "dev" ? (SynthesizedApp)dev : prod;
        var stack = app.AllStacks.Single(s => s.StackName.EndsWith($"-{stackName}"));
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

    /// <summary>Asset hashes follow the Lambda sources; they are not what the snapshot is about.</summary>
    internal static string Normalize(string template) =>
        AssetHash().Replace(template, "[ASSET].$1").ReplaceLineEndings("\n") + "\n";

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
}
