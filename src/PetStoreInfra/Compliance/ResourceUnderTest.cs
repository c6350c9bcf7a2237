using System.Text.Json.Nodes;

namespace PetStoreInfra.Compliance;

/// <summary>A resource as a rule sees it: its CloudFormation properties, resolved, and the other resources of the app.</summary>
public sealed record ResourceUnderTest(string Type, string StackName, string LogicalId, string Path, JsonObject Properties, AppResources App)
{
    public JsonNode? this[string property] => Properties[property];

    /// <summary>The other resources of the same stack.</summary>
    public IEnumerable<ResourceUnderTest> Siblings => App.All.Where(r => r.StackName == StackName);
}
