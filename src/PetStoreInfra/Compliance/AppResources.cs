using System.Text.Json.Nodes;

namespace PetStoreInfra.Compliance;

/// <summary>Every CloudFormation resource of the app, resolved once per check.</summary>
public sealed class AppResources
{
    private readonly List<ResourceUnderTest> _all = [];

    public IReadOnlyList<ResourceUnderTest> All => _all;

    internal void Add(ResourceUnderTest resource) => _all.Add(resource);

    public IEnumerable<ResourceUnderTest> OfType(string type) => _all.Where(r => r.Type == type);

    /// <summary>Whether a resolved value refers to the given resource (a Ref, GetAtt or import of it).</summary>
    public static bool Mentions(JsonNode? value, ResourceUnderTest resource) =>
        value is not null && value.ToJsonString().Contains($"\"{resource.LogicalId}\"", StringComparison.Ordinal);
}
