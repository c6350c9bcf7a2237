using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Cedar.Tests;

/// <summary>
/// One decision test from cedar/tests/*.json, shaped like the Cedar CLI's <c>run-tests</c> cases (name, request,
/// decision, reason, num_errors), with the request given as the API sees it: the caller's groups, the action and
/// the path parameters. Entities are built by the authorizer's own mapping code.
/// </summary>
public sealed record DecisionCase
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("request")] public required DecisionRequest Request { get; init; }
    [JsonPropertyName("decision")] public required string Decision { get; init; }
    [JsonPropertyName("reason")] public required IReadOnlyList<string> Reason { get; init; }
    [JsonPropertyName("num_errors")] public required int NumErrors { get; init; }

    [JsonIgnore] public string File { get; init; } = "";

    public override string ToString() => $"{File}: {Name}";

    private static readonly JsonSerializerOptions Options = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static IReadOnlyList<DecisionCase> Load(string cedarDirectory) =>
    [
        .. Directory.EnumerateFiles(Path.Combine(cedarDirectory, "tests"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => JsonSerializer.Deserialize<List<DecisionCase>>(System.IO.File.ReadAllText(file), Options)!
                .Select(c => c with { File = Path.GetRelativePath(Path.GetDirectoryName(cedarDirectory)!, file) })),
    ];
}

public sealed record DecisionRequest
{
    [JsonPropertyName("principal")] public required DecisionPrincipal Principal { get; init; }
    [JsonPropertyName("action")] public required string Action { get; init; }
    [JsonPropertyName("pathParameters")] public Dictionary<string, string> PathParameters { get; init; } = [];
}

public sealed record DecisionPrincipal
{
    [JsonPropertyName("groups")] public IReadOnlyList<string> Groups { get; init; } = [];
    [JsonPropertyName("provider")] public string Provider { get; init; } = "Users";
    [JsonPropertyName("username")] public string Username { get; init; } = "test-user";
    /// <summary><c>person</c> or <c>tenant</c> (a registered tenant's machine client).</summary>
    [JsonPropertyName("kind")] public string Kind { get; init; } = "person";
}
