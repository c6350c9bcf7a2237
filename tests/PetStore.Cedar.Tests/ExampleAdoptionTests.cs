namespace PetStore.Cedar.Tests;

/// <summary>
/// Each example of cedar/examples is adopted as an author would: its policy file copied into policies/ and its
/// decision cases (the .json of the same name) into tests/. Then every decision case passes and every action and
/// policy stays covered, with no other change.
/// </summary>
public class ExampleAdoptionTests(CedarFixture cedar)
{
    public static TheoryData<string> Examples => [.. Directory.EnumerateFiles(Path.Combine(NodeTools.NodeTools.Locate().RepositoryRoot, "cedar", "examples"), "*.cedar")
        .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Adopting_the_example_with_its_cases_passes_every_decision_case(string example)
    {
        var examples = Path.Combine(cedar.CedarDirectory, "examples");
        Assert.True(File.Exists(Path.Combine(examples, $"{example}.json")), $"cedar/examples/{example}.cedar has no decision cases: add cedar/examples/{example}.json.");
        using var adopted = new CedarCopy(cedar.CedarDirectory);
        adopted.Add($"{example}.cedar", File.ReadAllText(Path.Combine(examples, $"{example}.cedar")));
        File.Copy(Path.Combine(examples, $"{example}.json"), Path.Combine(adopted.Directory, "tests", $"{example}.json"), overwrite: true);

        using var decisions = new CedarDecisions(cedar.Engine, PolicyStoreFiles.Load(adopted.Directory, cedar.Engine));
        var (_, problems) = DecisionCaseRunner.Run(adopted.Directory, decisions);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains(DecisionCase.Load(adopted.Directory), c => c.File.EndsWith($"{example}.json", StringComparison.Ordinal));
    }
}
