using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using PetStore.Aws;
using PetStore.Lambdas.Users;

namespace PetStore.Lambdas.Tests.Fixtures;

/// <summary>A fresh user pool with a <c>customers</c> group and an app client on cognito-local, and the API's client for it.</summary>
public sealed class CognitoLocalPool(HttpClient http, Uri endpoint)
{
    public CognitoClient Client { get; private set; } = null!;
    public string PoolId { get; private set; } = "";

    /// <param name="mfaConfiguration">Cognito's <c>MfaConfiguration</c>: OFF (default), OPTIONAL or ON.</param>
    public static async Task<CognitoLocalPool> CreateAsync(HttpClient http, Uri endpoint, string mfaConfiguration = "OFF")
    {
        var local = new CognitoLocalPool(http, endpoint);
        var pool = await local.AdminAsync("CreateUserPool", new { PoolName = $"pets-{Guid.NewGuid():N}", MfaConfiguration = mfaConfiguration });
        local.PoolId = pool.GetProperty("UserPool").GetProperty("Id").GetString()!;
        var client = await local.AdminAsync("CreateUserPoolClient", new { UserPoolId = local.PoolId, ClientName = "api" });
        var clientId = client.GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
        await local.AdminAsync("CreateGroup", new { UserPoolId = local.PoolId, GroupName = "customers" });

        var signed = new HttpClient(new Amazon.Runtime.Signing.SigV4SigningHandler(
            new BasicAWSCredentials("local", "local"), Amazon.RegionEndpoint.USEast1, CognitoClient.SigningService, new HttpClientHandler()));
        local.Client = new CognitoClient(
            new AwsJsonClient(http, endpoint, CognitoClient.TargetPrefix, CognitoClient.JsonVersion),
            new Lazy<AwsJsonClient>(() => new AwsJsonClient(signed, endpoint, CognitoClient.TargetPrefix, CognitoClient.JsonVersion)),
            local.PoolId, clientId);
        return local;
    }

    /// <summary>An unsigned call to cognito-local (it does not check signatures), for setup and inspection.</summary>
    public async Task<JsonElement> AdminAsync(string operation, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", $"{CognitoClient.TargetPrefix}.{operation}");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The usernames in the pool.</summary>
    public async Task<IReadOnlyList<string>> UsernamesAsync()
    {
        var users = await AdminAsync("ListUsers", new { UserPoolId = PoolId });
        return [.. users.GetProperty("Users").EnumerateArray().Select(u => u.GetProperty("Username").GetString()!)];
    }
}
