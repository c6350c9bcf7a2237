using System.Collections.Specialized;
using System.Text.Json.Nodes;
using PetStore.Configuration;
using PetStore.Contract;

namespace PetStore.Local;

/// <summary>
/// API Gateway's API-key and usage-plan operations, locally: the part of its REST API (JSON, <c>item</c> lists,
/// <c>x-amzn-ErrorType</c> errors) that the onboarding CLI calls — get usage plans (all, or a key's), create, get, update (enable) and
/// delete API keys, add, list and remove a plan's keys — with API Gateway's rule that a key is in at most one plan per
/// stage. The gateway emulation meters requests by the same keys and plans (<see cref="UsagePlanMeter"/>).
/// </summary>
public sealed class ApiKeysStandIn
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LocalApiKey> _keys = [];
    private readonly Dictionary<string, HashSet<string>> _planKeys = [];
    private int _next;

    public ApiKeysStandIn(DeploymentConfig config)
    {
        Plans = [.. config.UsagePlans.Tiers.Select(t => new LocalUsagePlan($"plan-{t.Key}", UsagePlanNames.Plan(config.Name, t.Key), t.Key, t.Value))];
        foreach (var plan in Plans) _planKeys[plan.Id] = [];
        // As the Api stack deploys them: the interactive keys in the interactive tier's plan.
        var names = UsagePlanNames.InteractiveKeyNames(config.Name, config.UsagePlans.InteractiveKeys);
        foreach (var (name, value) in names.Zip(UsagePlanNames.InteractiveKeyValues(config.Name, config.UsagePlans.InteractiveKeys)))
            _planKeys[Plans.Single(p => p.Tier == config.UsagePlans.InteractiveTier).Id].Add(Create(name, value, "people").Id);
    }

    public IReadOnlyList<LocalUsagePlan> Plans { get; }

    /// <summary>The plan that meters a key value, if the key exists, is enabled and is in a plan.</summary>
    public (LocalApiKey Key, LocalUsagePlan Plan)? Metering(string keyValue)
    {
        lock (_gate)
        {
            var key = _keys.Values.FirstOrDefault(k => k.Value == keyValue);
            if (key is not { Enabled: true }) return null;
            var plan = Plans.FirstOrDefault(p => _planKeys[p.Id].Contains(key.Id));
            return plan is null ? null : (key, plan);
        }
    }

    /// <summary>One REST call: <paramref name="path"/> without the query, which comes in <paramref name="query"/>.</summary>
    public (int Status, JsonNode? Body) Handle(string method, string path, NameValueCollection query, JsonObject? body)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        lock (_gate)
        {
            return (method, segments) switch
            {
                // keyId: only the plans that key is in.
                ("GET", ["usageplans"]) => (200, Items(Plans.Where(p => query["keyId"] is not { } keyId || _planKeys[p.Id].Contains(keyId)).Select(PlanJson))),
                ("GET", ["apikeys"]) => (200, Items(_keys.Values.Where(k => query["name"] is not { } name || k.Name.StartsWith(name, StringComparison.Ordinal))
                    .Select(k => KeyJson(k, query["includeValues"] == "true")))),
                ("POST", ["apikeys"]) => CreateKey(body),
                ("GET", ["apikeys", var id]) => _keys.TryGetValue(id, out var key) ? (200, KeyJson(key, query["includeValue"] == "true")) : NotFound("API Key"),
                ("PATCH", ["apikeys", var id]) => UpdateKey(id, body),
                ("DELETE", ["apikeys", var id]) => DeleteKey(id),
                ("GET", ["usageplans", var plan, "keys"]) => _planKeys.TryGetValue(plan, out var members)
                    ? (200, Items(members.Select(k => new JsonObject { ["id"] = k, ["type"] = "API_KEY", ["name"] = _keys[k].Name })))
                    : NotFound("Usage Plan"),
                ("POST", ["usageplans", var plan, "keys"]) => AddPlanKey(plan, body),
                ("DELETE", ["usageplans", var plan, "keys", var id]) => _planKeys.TryGetValue(plan, out var members) && members.Remove(id)
                    ? (202, null) : NotFound("Usage Plan Key"),
                _ => (404, Error("NotFoundException", $"Local mode does not serve {method} /{string.Join('/', segments)}.")),
            };
        }
    }

    private LocalApiKey Create(string name, string value, string? description)
    {
        var key = new LocalApiKey($"key{++_next:D4}", name, value, true, description);
        _keys[key.Id] = key;
        return key;
    }

    private (int, JsonNode?) CreateKey(JsonObject? body)
    {
        var name = body?["name"]?.GetValue<string>();
        var value = body?["value"]?.GetValue<string>() ?? Guid.NewGuid().ToString("N");
        if (string.IsNullOrEmpty(name)) return (400, Error("BadRequestException", "API Key name is required."));
        if (value.Length < 20) return (400, Error("BadRequestException", "API Key value should be at least 20 characters"));
        if (_keys.Values.Any(k => k.Value == value)) return (409, Error("ConflictException", "API Key already exists"));
        var key = Create(name, value, body?["description"]?.GetValue<string>()) with { Enabled = body?["enabled"]?.GetValue<bool>() ?? false };
        _keys[key.Id] = key;
        return (201, KeyJson(key, includeValue: true));
    }

    private (int, JsonNode?) UpdateKey(string id, JsonObject? body)
    {
        if (!_keys.TryGetValue(id, out var key)) return NotFound("API Key");
        foreach (var operation in body?["patchOperations"]?.AsArray() ?? [])
        {
            if (operation?["op"]?.GetValue<string>() == "replace" && operation["path"]?.GetValue<string>() == "/enabled")
                key = key with { Enabled = operation["value"]?.GetValue<string>() == "true" };
            else return (400, Error("BadRequestException", $"Local mode does not support the patch {operation?.ToJsonString()}."));
        }
        _keys[id] = key;
        return (200, KeyJson(key, includeValue: false));
    }

    private (int, JsonNode?) DeleteKey(string id)
    {
        if (!_keys.Remove(id)) return NotFound("API Key");
        foreach (var members in _planKeys.Values) members.Remove(id);
        return (202, null);
    }

    private (int, JsonNode?) AddPlanKey(string plan, JsonObject? body)
    {
        if (!_planKeys.TryGetValue(plan, out var members)) return NotFound("Usage Plan");
        var id = body?["keyId"]?.GetValue<string>();
        if (id is null || !_keys.TryGetValue(id, out var key)) return NotFound("API Key");
        if (members.Contains(id)) return (409, Error("ConflictException", $"Usage Plan {plan} already has API Key {id}."));
        // API Gateway: a key may reference only one usage plan per API stage (every plan here is on the one stage).
        if (_planKeys.Any(p => p.Value.Contains(id)))
            return (409, Error("ConflictException", $"Usage Plan {plan} cannot be added because API Key {id} cannot reference multiple Usage Plans with the same API Stage"));
        members.Add(id);
        return (201, new JsonObject { ["id"] = id, ["type"] = "API_KEY", ["name"] = key.Name });
    }

    private static JsonObject Items(IEnumerable<JsonNode> items) => new() { ["item"] = new JsonArray([.. items]) };

    private static JsonObject PlanJson(LocalUsagePlan plan) => new()
    {
        ["id"] = plan.Id,
        ["name"] = plan.Name,
        ["throttle"] = new JsonObject { ["rateLimit"] = plan.Limits.RateLimit, ["burstLimit"] = plan.Limits.BurstLimit },
        ["quota"] = new JsonObject { ["limit"] = plan.Limits.QuotaPerDay, ["offset"] = 0, ["period"] = "DAY" },
    };

    private static JsonObject KeyJson(LocalApiKey key, bool includeValue)
    {
        var json = new JsonObject { ["id"] = key.Id, ["name"] = key.Name, ["enabled"] = key.Enabled, ["description"] = key.Description };
        if (includeValue) json["value"] = key.Value;
        return json;
    }

    private static (int, JsonNode?) NotFound(string what) => (404, Error("NotFoundException", $"Invalid {what} identifier specified"));

    /// <summary>API Gateway's error body; the type travels in the <c>x-amzn-ErrorType</c> header too (see <see cref="ErrorType"/>).</summary>
    public static JsonObject Error(string type, string message) => new() { ["__type"] = type, ["message"] = message };

    public static string? ErrorType(JsonNode? body) => body?["__type"]?.GetValue<string>();
}
