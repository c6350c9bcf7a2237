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

    /// <summary>
    /// The policy-set version every decision is logged with: the first 12 hex digits of a SHA-256 over what decides,
    /// the schema and each policy's id and statement (Cedar's JSON form of it) in id order. Comments, annotations, file
    /// names and layout do not change it; any change a decision could see does.
    /// </summary>
    public string Version { get; } = ComputeVersion(Schema, Policies);

    private static string ComputeVersion(CedarSchema schema, IReadOnlyList<CedarPolicy> policies)
    {
        var text = new System.Text.StringBuilder(schema.Json.ToJsonString());
        foreach (var policy in policies.OrderBy(p => p.Id, StringComparer.Ordinal))
            text.Append('\0').Append(policy.Id).Append('\0').Append(policy.Json?.ToJsonString() ?? policy.Statement);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
