using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Authorizer;

// Verified Permissions' IsAuthorized request and response (JSON 1.0, lowerCamel names), with only what we use.

public sealed record EntityIdentifier(
    [property: JsonPropertyName("entityType")] string EntityType,
    [property: JsonPropertyName("entityId")] string EntityId);

public sealed record ActionIdentifier(
    [property: JsonPropertyName("actionType")] string ActionType,
    [property: JsonPropertyName("actionId")] string ActionId);

/// <summary>AVP's attribute value union: exactly one member is set.</summary>
public sealed record AttributeValue
{
    [JsonPropertyName("string")] public string? String { get; init; }
    [JsonPropertyName("long")] public long? Long { get; init; }
    [JsonPropertyName("boolean")] public bool? Boolean { get; init; }
    /// <summary>Cedar's decimal extension type: up to four decimal places, as <c>"249.99"</c>.</summary>
    [JsonPropertyName("decimal")] public string? Decimal { get; init; }
    [JsonPropertyName("entityIdentifier")] public EntityIdentifier? EntityIdentifier { get; init; }
    [JsonPropertyName("set")] public IReadOnlyList<AttributeValue>? Set { get; init; }
    [JsonPropertyName("record")] public IReadOnlyDictionary<string, AttributeValue>? Record { get; init; }

    public static AttributeValue Of(string value) => new() { String = value };
    public static AttributeValue Of(EntityIdentifier entity) => new() { EntityIdentifier = entity };
    public static AttributeValue Of(IEnumerable<EntityIdentifier> entities) => new() { Set = [.. entities.Select(Of)] };

    /// <summary>A decimal as Cedar writes one: at least one and at most four decimal places (more are refused, not rounded).</summary>
    public static AttributeValue Of(decimal value) => decimal.Round(value, 4) == value
        ? new() { Decimal = value.ToString("0.0###", System.Globalization.CultureInfo.InvariantCulture) }
        : throw new ArgumentOutOfRangeException(nameof(value), value, "Cedar decimals have at most four decimal places.");
    public static AttributeValue Of(IReadOnlyDictionary<string, AttributeValue> record) => new() { Record = record };
}

public sealed record EntityItem(
    [property: JsonPropertyName("identifier")] EntityIdentifier Identifier,
    [property: JsonPropertyName("attributes")] IReadOnlyDictionary<string, AttributeValue> Attributes,
    [property: JsonPropertyName("parents")] IReadOnlyList<EntityIdentifier> Parents);

public sealed record ContextDefinition([property: JsonPropertyName("contextMap")] IReadOnlyDictionary<string, AttributeValue> ContextMap);

public sealed record EntitiesDefinition([property: JsonPropertyName("entityList")] IReadOnlyList<EntityItem> EntityList);

public sealed record IsAuthorizedRequest(
    [property: JsonPropertyName("policyStoreId")] string PolicyStoreId,
    [property: JsonPropertyName("principal")] EntityIdentifier Principal,
    [property: JsonPropertyName("action")] ActionIdentifier Action,
    [property: JsonPropertyName("resource")] EntityIdentifier Resource,
    [property: JsonPropertyName("context")] ContextDefinition Context,
    [property: JsonPropertyName("entities")] EntitiesDefinition Entities);

public sealed record DeterminingPolicyItem([property: JsonPropertyName("policyId")] string PolicyId);

public sealed record EvaluationErrorItem([property: JsonPropertyName("errorDescription")] string ErrorDescription);

public sealed record IsAuthorizedResponse(
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("determiningPolicies")] IReadOnlyList<DeterminingPolicyItem>? DeterminingPolicies,
    [property: JsonPropertyName("errors")] IReadOnlyList<EvaluationErrorItem>? Errors)
{
    public const string Allow = "ALLOW";
    public const string Deny = "DENY";
}

/// <summary>One decision of a batch: a single request without the policy store and the entities, which the batch holds once.</summary>
public sealed record BatchIsAuthorizedInputItem(
    [property: JsonPropertyName("principal")] EntityIdentifier Principal,
    [property: JsonPropertyName("action")] ActionIdentifier Action,
    [property: JsonPropertyName("resource")] EntityIdentifier Resource,
    [property: JsonPropertyName("context")] ContextDefinition Context);

/// <summary>Up to <see cref="MaxRequests"/> decisions for one principal, over one set of entities.</summary>
public sealed record BatchIsAuthorizedRequest(
    [property: JsonPropertyName("policyStoreId")] string PolicyStoreId,
    [property: JsonPropertyName("entities")] EntitiesDefinition Entities,
    [property: JsonPropertyName("requests")] IReadOnlyList<BatchIsAuthorizedInputItem> Requests)
{
    public const int MaxRequests = 30;
}

public sealed record BatchIsAuthorizedOutputItem(
    [property: JsonPropertyName("request")] BatchIsAuthorizedInputItem Request,
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("determiningPolicies")] IReadOnlyList<DeterminingPolicyItem>? DeterminingPolicies,
    [property: JsonPropertyName("errors")] IReadOnlyList<EvaluationErrorItem>? Errors);

public sealed record BatchIsAuthorizedResponse([property: JsonPropertyName("results")] IReadOnlyList<BatchIsAuthorizedOutputItem> Results);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IsAuthorizedRequest))]
[JsonSerializable(typeof(IsAuthorizedResponse))]
[JsonSerializable(typeof(BatchIsAuthorizedRequest))]
[JsonSerializable(typeof(BatchIsAuthorizedResponse))]
public sealed partial class AvpJson : JsonSerializerContext;
