using System.Text.Json.Nodes;

namespace PetStore.Cedar.Tests;

/// <summary>
/// An author changes a resource-level decision by editing cedar/ alone: cedar/examples/pending-price-frozen.cedar with
/// the deployed policies, through the real engine, with requests built by the pets function's own mapping code.
/// </summary>
public class ResourceExampleTests(CedarFixture cedar)
{
    private static string Example => File.ReadAllText(Path.Combine(NodeTools.NodeTools.Locate().RepositoryRoot, "cedar", "examples", "pending-price-frozen.cedar"));

    [Theory]
    [InlineData("employees", "pending", """{"price": 12}""", "DENY")]
    [InlineData("employees", "pending", """{"status": "available"}""", "ALLOW")]
    [InlineData("employees", "available", """{"price": 12}""", "ALLOW")]
    [InlineData("employees", "pending", """{"price": 12, "status": "sold"}""", "DENY")]
    [InlineData("owners", "pending", """{"price": 12}""", "ALLOW")]
    public void Employees_may_not_change_the_price_of_a_pending_pet(string group, string status, string body, string expected)
    {
        var request = new DecisionRequest
        {
            Principal = new DecisionPrincipal { Groups = [group], Stores = ["downtown"] },
            Action = "patch /pets/{petId}",
            PathParameters = new() { ["petId"] = "0190b1e2-7c1d-7a7e-9f00-000000000001" },
            Resource = new DecisionResourceSpec { Pet = new DecisionPet { Store = "downtown", Status = status } },
            Body = JsonNode.Parse(body)!.AsObject(),
        };

        // Deployed alone, the store's employees may make every one of these changes.
        Assert.Equal("ALLOW", new CedarDecisions(cedar.Engine, cedar.Pinned).IsAuthorized(DecisionMatrixTests.Build(request))["decision"]!.GetValue<string>());

        var policies = Directory.EnumerateFiles(Path.Combine(cedar.PinnedDirectory, "policies"), "*.cedar")
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f))).Append(("pending.cedar", Example)).ToArray();
        using var dir = new TempCedar(File.ReadAllText(Path.Combine(cedar.CedarDirectory, PolicyStoreFiles.SchemaFile)), policies);
        using var decisions = new CedarDecisions(cedar.Engine, dir.Load(cedar.Engine));
        Assert.Equal(expected, decisions.IsAuthorized(DecisionMatrixTests.Build(request))["decision"]!.GetValue<string>());
    }
}
