using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PetStore.Local.Tests;

public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Raw)
{
    public string Message => Body.GetProperty("message").GetString()!;
}

/// <summary>The curl session of the README, as calls.</summary>
public static class ApiClient
{
    public static async Task<ApiResponse> SendJsonAsync(this HttpClient http, HttpMethod method, string path, string? token = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return new ApiResponse(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    public static Task<ApiResponse> GetJsonAsync(this HttpClient http, string path, string? token = null) => http.SendJsonAsync(HttpMethod.Get, path, token);

    public static Task<ApiResponse> PostJsonAsync(this HttpClient http, string path, string body, string? token = null) =>
        http.SendJsonAsync(HttpMethod.Post, path, token, body);

    public static async Task<string> LoginAsync(this HttpClient http, string username, string password = LocalProcess.Password)
    {
        var response = await http.PostJsonAsync("/login", JsonSerializer.Serialize(new { username, password }));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Bearer", response.Body.GetProperty("tokenType").GetString());
        return response.Body.GetProperty("accessToken").GetString()!;
    }

    public static async Task<int> CountPetsAsync(this HttpClient http, string token)
    {
        var count = 0;
        string? next = null;
        do
        {
            var page = await http.GetJsonAsync(next is null ? "/pets?limit=100" : $"/pets?limit=100&nextToken={Uri.EscapeDataString(next)}", token);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            count += page.Body.GetProperty("pets").GetArrayLength();
            next = page.Body.GetProperty("nextToken").GetString();
        } while (next is not null);
        return count;
    }
}
