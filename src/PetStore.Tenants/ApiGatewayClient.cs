using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PetStore.Aws;

namespace PetStore.Tenants;

/// <summary>
/// API Gateway's REST API for keys and usage plans (<c>/apikeys</c>, <c>/usageplans</c>), JSON with <c>item</c> lists
/// and <c>position</c> paging, over an <see cref="HttpClient"/> that signs for the <c>apigateway</c> service.
/// </summary>
public sealed class ApiGatewayClient(HttpClient http, Uri endpoint) : IApiKeys
{
    public const string SigningService = "apigateway";

    public async Task<ApiKeyInfo?> FindKeyAsync(string name, CancellationToken cancellationToken = default)
    {
        // The name query matches by prefix: keep only the exact name.
        var keys = await ItemsAsync($"apikeys?name={Uri.EscapeDataString(name)}&includeValues=true", cancellationToken);
        return keys.Select(Key).FirstOrDefault(k => k.Name == name);
    }

    public async Task<ApiKeyInfo> CreateKeyAsync(string name, string value, string description, CancellationToken cancellationToken = default) =>
        Key((await SendAsync(HttpMethod.Post, "apikeys", new JsonObject { ["name"] = name, ["value"] = value, ["enabled"] = true, ["description"] = description }, cancellationToken))!);

    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"apikeys/{Uri.EscapeDataString(keyId)}", null, cancellationToken);

    public Task SetEnabledAsync(string keyId, bool enabled, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"apikeys/{Uri.EscapeDataString(keyId)}", new JsonObject
        {
            ["patchOperations"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/enabled", ["value"] = enabled ? "true" : "false" }),
        }, cancellationToken);

    public async Task<string?> FindPlanAsync(string name, CancellationToken cancellationToken = default) =>
        (await ItemsAsync("usageplans", cancellationToken)).FirstOrDefault(p => p["name"]?.GetValue<string>() == name)?["id"]?.GetValue<string>();

    public async Task<IReadOnlyList<string>> PlanKeysAsync(string planId, CancellationToken cancellationToken = default) =>
        [.. (await ItemsAsync($"usageplans/{Uri.EscapeDataString(planId)}/keys", cancellationToken)).Select(k => k["id"]!.GetValue<string>())];

    public async Task<IReadOnlyList<string>> KeyPlansAsync(string keyId, CancellationToken cancellationToken = default) =>
        [.. (await ItemsAsync($"usageplans?keyId={Uri.EscapeDataString(keyId)}", cancellationToken)).Select(p => p["id"]!.GetValue<string>())];

    public Task AddPlanKeyAsync(string planId, string keyId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"usageplans/{Uri.EscapeDataString(planId)}/keys", new JsonObject { ["keyId"] = keyId, ["keyType"] = "API_KEY" }, cancellationToken);

    public Task RemovePlanKeyAsync(string planId, string keyId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"usageplans/{Uri.EscapeDataString(planId)}/keys/{Uri.EscapeDataString(keyId)}", null, cancellationToken);

    private static ApiKeyInfo Key(JsonNode key) => new(
        key["id"]!.GetValue<string>(), key["name"]?.GetValue<string>() ?? "", key["value"]?.GetValue<string>() ?? "", key["enabled"]?.GetValue<bool>() ?? false);

    /// <summary>Every item of a list, following <c>position</c>.</summary>
    private async Task<List<JsonNode>> ItemsAsync(string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonNode>();
        string? position = null;
        do
        {
            var separator = path.Contains('?') ? '&' : '?';
            var page = await SendAsync(HttpMethod.Get, position is null ? $"{path}{separator}limit=500" : $"{path}{separator}limit=500&position={Uri.EscapeDataString(position)}", null, cancellationToken);
            items.AddRange(page?["item"]?.AsArray().OfType<JsonNode>() ?? []);
            position = page?["position"]?.GetValue<string>();
        } while (position is not null);
        return items;
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw AwsJsonClient.ParseError(response, bytes);
        return bytes.Length == 0 || response.StatusCode == HttpStatusCode.Accepted ? null : JsonNode.Parse(bytes);
    }
}
