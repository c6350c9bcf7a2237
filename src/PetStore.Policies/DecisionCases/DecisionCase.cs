using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetStore.Policies;

/// <summary>
/// One decision test from cedar/tests/*.json, shaped like the Cedar CLI's <c>run-tests</c> cases (name, request,
/// decision, reason, num_errors), with the request given as the API sees it: the caller (groups, stores), the action,
/// the path parameters and, on a resource route, the resource as stored and the body as sent. Entities are built by
/// the authorizer's and the handlers' own mapping code.
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

    /// <summary>On a route acting on a stored resource: that resource as the handler would load it (<c>{"pet": {...}}</c>).</summary>
    [JsonPropertyName("resource")] public DecisionResourceSpec? Resource { get; init; }

    /// <summary>On a resource route: the request body as sent, read by the handler's own parser.</summary>
    [JsonPropertyName("body")] public System.Text.Json.Nodes.JsonObject? Body { get; init; }
}

public sealed record DecisionResourceSpec
{
    [JsonPropertyName("pet")] public DecisionPet? Pet { get; init; }
    [JsonPropertyName("order")] public DecisionOrder? Order { get; init; }
}

public sealed record DecisionOrder
{
    /// <summary><c>me</c>: the caller placed it; any other name: that user of the caller's provider did.</summary>
    [JsonPropertyName("owner")] public required string Owner { get; init; }
    [JsonPropertyName("store")] public required string Store { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = "placed";
    /// <summary>The id of the pet ordered.</summary>
    [JsonPropertyName("pet")] public string Pet { get; init; } = "0190b1e2-7c1d-7a7e-9f00-000000000001";
    /// <summary>Its id, where the path does not give it (a list).</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
}

public sealed record DecisionPet
{
    [JsonPropertyName("store")] public required string Store { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = "available";
    [JsonPropertyName("price")] public decimal Price { get; init; } = 10m;
    [JsonPropertyName("type")] public string Type { get; init; } = "dog";
}

public sealed record DecisionPrincipal
{
    [JsonPropertyName("groups")] public IReadOnlyList<string> Groups { get; init; } = [];
    [JsonPropertyName("provider")] public string Provider { get; init; } = "Users";
    [JsonPropertyName("username")] public string Username { get; init; } = "test-user";
    /// <summary><c>person</c> or <c>tenant</c> (a registered tenant's machine client).</summary>
    [JsonPropertyName("kind")] public string Kind { get; init; } = "person";
    /// <summary>The store ids the identity provider says the caller works in.</summary>
    [JsonPropertyName("stores")] public IReadOnlyList<string> Stores { get; init; } = [];
}
