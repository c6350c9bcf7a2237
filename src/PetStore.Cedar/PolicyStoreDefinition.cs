using System.Text.Json.Nodes;

namespace PetStore.Cedar;

/// <summary>
/// The schema and policies of cedar/, parsed and validated in STRICT mode by the Cedar engine, and what each policy
/// route's policies read of a request (which decides how the authorizer's answers may be cached).
/// </summary>
public sealed record PolicyStoreDefinition(CedarSchema Schema, IReadOnlyList<CedarPolicy> Policies, IReadOnlyList<CedarProblem> Warnings, DecisionInputs Inputs)
{
    /// <summary>Policy texts by id, as the Cedar engine takes a static policy set.</summary>
    public JsonObject PolicyTexts() => new(Policies.Select(p => KeyValuePair.Create(p.Id, (JsonNode?)p.Text)));
}
