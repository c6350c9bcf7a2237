using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PetStore.Local;

namespace PetStore.Tenants.Tests;

/// <summary>Local mode's API Gateway key and plan stand-in, called in process over HTTP messages as the CLI's client sends them.</summary>
public sealed class ApiKeysHandler(ApiKeysStandIn standIn) : HttpMessageHandler
{
    public List<string> Calls { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        Calls.Add($"{request.Method} {uri.AbsolutePath}");
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        var (status, answer) = standIn.Handle(request.Method.Method, uri.AbsolutePath, System.Web.HttpUtility.ParseQueryString(uri.Query), body);
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (answer is not null) response.Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json");
        if (ApiKeysStandIn.ErrorType(answer) is { } type) response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", type);
        return response;
    }
}
