using System.Text.Json.Nodes;

namespace PetStore.Cedar.Tests;

/// <summary>
/// The decision tests in cedar/tests, run through the real Cedar engine with requests built by the authorizer's
/// mapping code (<see cref="DecisionRequests"/>), exactly as Verified Permissions would receive them.
/// </summary>
public class DecisionMatrixTests(CedarFixture cedar)
{
    private static readonly string CedarDirectory = Path.Combine(NodeTools.NodeTools.Locate().RepositoryRoot, "cedar");

    public static TheoryData<string> Cases => [.. DecisionCase.Load(CedarDirectory).Select(c => c.ToString())];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decision_matches_the_expectation(string name)
    {
        var test = DecisionCase.Load(CedarDirectory).Single(c => c.ToString() == name);

        Assert.Null(DecisionCaseRunner.Check(test, cedar.Decisions));
    }

    [Fact]
    public void Every_policy_action_is_tested_for_every_group_and_for_no_group()
    {
        var missing = DecisionCaseRunner.MissingCoverage(DecisionCase.Load(CedarDirectory));
        Assert.True(missing.Count == 0, $"cedar/tests has no case for: {string.Join("; ", missing)}");
    }

    [Fact]
    public void Every_policy_is_the_reason_for_at_least_one_allow()
    {
        Assert.Empty(DecisionCaseRunner.Unnamed(DecisionCase.Load(CedarDirectory), cedar.Definition));
    }

    [Fact]
    public void A_request_outside_the_schema_is_refused_as_Verified_Permissions_would()
    {
        var request = Build(new DecisionRequest { Principal = new DecisionPrincipal { Groups = ["owners"] }, Action = "delete /pets/{petId}", PathParameters = new() { ["petId"] = "0190b1e2-7c1d-7a7e-9f00-000000000001" } });
        request["action"]!["actionId"] = "delete /pets";

        Assert.Throws<CedarRequestException>(() => cedar.Decisions.IsAuthorized(request));
    }

    /// <summary>Builds the IsAuthorized request with the authorizer's code, then asks Cedar.</summary>
    internal static JsonObject Decide(CedarFixture cedar, DecisionRequest request) => cedar.Decisions.IsAuthorized(Build(request));

    internal static JsonObject Build(DecisionRequest request) => DecisionRequests.Build(request);
}
