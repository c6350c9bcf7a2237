using System.Text;
using System.Text.Json;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Fixtures;

/// <summary>API Gateway proxy events as tests need them, and helpers to read responses.</summary>
public static class ProxyRequests
{
    /// <summary>The event for a request; on a protected route the authorizer's context carries <paramref name="caller"/> (an owner by default).</summary>
    public static ProxyRequest For(string method, string resource, string? body = null,
        Dictionary<string, string>? pathParameters = null, Dictionary<string, string>? query = null, CallerPrincipal? caller = null) => new()
    {
        HttpMethod = method,
        Resource = resource,
        Path = resource,
        Body = body,
        PathParameters = pathParameters,
        QueryStringParameters = query,
        MultiValueQueryStringParameters = query?.ToDictionary(kv => kv.Key, kv => new List<string> { kv.Value }),
        RequestContext = new ProxyRequestContext
        {
            RequestId = "test-request",
            Authorizer = RouteTable.Find(method, resource) is { Access: not Access.Public }
                ? TestPrincipals.AuthorizerContext(caller ?? TestPrincipals.Person("tester", [Groups.Owners]))
                : null,
        },
    };

    public static JsonElement Json(this ProxyResponse response) => JsonDocument.Parse(response.Body).RootElement;

    public static string Message(this ProxyResponse response) => response.Json().GetProperty("message").GetString()!;

    public static MemoryStream ToStream(string json) => new(Encoding.UTF8.GetBytes(json));
}
