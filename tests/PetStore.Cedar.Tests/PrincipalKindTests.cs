using PetStore.Contract;

namespace PetStore.Cedar.Tests;

/// <summary>
/// A policy can tell a tenant's machine client from a person by <c>principal.kind</c>: cedar/examples/tenants-read-only.cedar
/// with the deployed policies, through the real engine, with requests built by the authorizer's mapping code.
/// </summary>
public class PrincipalKindTests(CedarFixture cedar)
{
    private static string Example => File.ReadAllText(Path.Combine(NodeTools.NodeTools.Locate().RepositoryRoot, "cedar", "examples", "tenants-read-only.cedar"));

    [Theory]
    [InlineData("person", "ALLOW")]
    [InlineData("tenant", "DENY")]
    public void The_example_keeps_tenants_machine_clients_from_adding_pets_and_not_people(string kind, string expected)
    {
        var policies = Directory.EnumerateFiles(Path.Combine(cedar.PinnedDirectory, "policies"), "*.cedar")
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f))).Append(("tenants.cedar", Example)).ToArray();
        using var dir = new TempCedar(File.ReadAllText(Path.Combine(cedar.CedarDirectory, PolicyStoreFiles.SchemaFile)), policies);
        var decisions = new CedarDecisions(cedar.Engine, dir.Load(cedar.Engine));

        var request = DecisionMatrixTests.Build(new DecisionRequest
        {
            Principal = new DecisionPrincipal { Groups = [Groups.Owners], Kind = kind },
            Action = "post /pets",
            Body = new System.Text.Json.Nodes.JsonObject { ["type"] = "dog", ["price"] = 10, ["storeId"] = "downtown" },
        });

        Assert.Equal(expected, decisions.IsAuthorized(request)["decision"]!.GetValue<string>());
        // principal.kind comes from the token: the example reads nothing else.
        Assert.Contains(new RequestInput(RequestInputKind.Principal, CedarAction.KindAttribute),
            dir.Load(cedar.Engine).Inputs.For(RouteTable.All.Single(r => r.CedarActionIds.Contains("post /pets"))));
    }
}
