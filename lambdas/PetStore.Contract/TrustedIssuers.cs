using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Contract;

/// <summary>The <see cref="FunctionVariables.TrustedIssuers"/> JSON: written by the CDK app and local mode, read by the functions.</summary>
public static class TrustedIssuers
{
    public static string ToJson(IEnumerable<TrustedIssuer> issuers) =>
        JsonSerializer.Serialize(issuers.ToList(), TrustedIssuersJson.Default.ListTrustedIssuer);

    /// <summary>Reads the list, strictly: unknown members, missing members and bad values fail with the key that is wrong.</summary>
    public static IReadOnlyList<TrustedIssuer> Parse(string json)
    {
        List<TrustedIssuer>? issuers;
        try
        {
            issuers = JsonSerializer.Deserialize(json, TrustedIssuersJson.Default.ListTrustedIssuer);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{FunctionVariables.TrustedIssuers}{e.Path?.TrimStart('$')}: {e.Message}");
        }
        if (issuers is null || issuers.Count == 0) throw new InvalidOperationException($"{FunctionVariables.TrustedIssuers} must list at least one issuer.");
        var problems = Problems(issuers, i => $"{FunctionVariables.TrustedIssuers}[{i}]").ToList();
        return problems.Count == 0 ? issuers
            : throw new InvalidOperationException($"{FunctionVariables.TrustedIssuers} is not valid: {string.Join("; ", problems)}.");
    }

    /// <summary>Every issuer's problems, and names or issuers that repeat (a token's <c>iss</c> must choose one issuer).</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<TrustedIssuer> issuers, Func<int, string> at)
    {
        for (var i = 0; i < issuers.Count; i++)
            foreach (var problem in issuers[i].Problems(at(i))) yield return problem;
        foreach (var name in issuers.GroupBy(i => i.Name).Where(g => g.Count() > 1)) yield return $"the name '{name.Key}' is used by more than one issuer";
        foreach (var issuer in issuers.GroupBy(i => i.Issuer).Where(g => g.Count() > 1)) yield return $"the issuer '{issuer.Key}' is configured more than once";
    }
}

[JsonSourceGenerationOptions(
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<TrustedIssuer>))]
internal sealed partial class TrustedIssuersJson : JsonSerializerContext;
