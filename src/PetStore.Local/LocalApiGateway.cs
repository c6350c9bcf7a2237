using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PetStore.Contract;
using Route = PetStore.Contract.Route;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;

namespace PetStore.Local;

/// <summary>
/// API Gateway, locally: routes requests with the route table (API Gateway's matching rules, not ASP.NET's), builds
/// the proxy and authorizer events API Gateway builds, applies the Lambda authorizer (with its result cache) on every
/// protected route, meters each such request by the API key the authorizer returned (usage plans: rate, burst, daily
/// quota), and answers its own errors in the deployed gateway responses' JSON.
/// </summary>
/// <param name="accessLog">Where the stage's access log lines go (<see cref="AccessLog"/>), if anywhere.</param>
/// <param name="edge">The edge web ACL's rate rules in front, if emulated (<c>--edge-limits</c>).</param>
public sealed class LocalApiGateway(LocalFunctions functions, string stageName, LambdaAuthorizerEmulation lambdaAuthorizer, UsagePlanMeter meter,
    TextWriter? accessLog = null, EdgeRateRules? edge = null)
{
    public const string AccountId = "123456789012";
    public const string ApiId = "local";

    /// <summary>
    /// The method ARN of a request: <c>arn:aws:execute-api:local:123456789012:local/&lt;stage&gt;/&lt;VERB&gt;&lt;path&gt;</c>, with
    /// the path exactly as the client spelled it. Public sources establish how API Gateway routes extra slashes (it
    /// ignores them), not whether its method ARN keeps them; the spelling as sent is the one an authorizer policy is
    /// least likely to match, so a policy that works here works in AWS whichever it is.
    /// </summary>
    public static string MethodArn(string stage, string method, string path) =>
        $"arn:aws:execute-api:local:{AccountId}:{ApiId}/{stage}/{method}{path}";

    public async Task HandleAsync(HttpContext context)
    {
        // CloudFront's web ACL answers before the request reaches API Gateway (and its access log).
        if (edge?.Blocking(context) is not null)
        {
            await WriteMessageAsync(context.Response, 429, GatewayMessages.EdgeRateLimited);
            return;
        }
        var request = context.Request;
        var (route, pathParameters) = Match(request.Method, RawPath(request));
        if (route is null)
        {
            // API Gateway's answer to any path or verb it does not have.
            await WriteMessageAsync(context.Response, 403, "Missing Authentication Token");
            return;
        }

        var requestId = Guid.NewGuid().ToString();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        AuthorizerOutcome? outcome = null;
        try
        {
            var body = await ReadBodyAsync(request);
            (var allowed, var authorizerContext, outcome) = await AuthorizeAsync(context, route, pathParameters, requestId);
            if (!allowed) return;

            if (route.Backend == Backend.Mock)
            {
                await WriteMessageAsync(context.Response, 200, GatewayMessages.Welcome);
                return;
            }
            await InvokeAsync(context, route, ProxyRequestFor(context, route, pathParameters, requestId, authorizerContext, body));
        }
        finally
        {
            if (accessLog is not null) WriteAccessLog(context, route, requestId, outcome, started);
        }
    }

    /// <summary>The request's line of the stage's access log, with what local mode knows of each value.</summary>
    private void WriteAccessLog(HttpContext context, Route route, string requestId, AuthorizerOutcome? outcome, long started)
    {
        var values = new Dictionary<string, string>
        {
            ["requestId"] = requestId,
            ["identity.sourceIp"] = context.Connection.RemoteIpAddress?.ToString() ?? "",
            ["identity.userAgent"] = context.Request.Headers.UserAgent.ToString(),
            ["requestTime"] = DateTimeOffset.UtcNow.ToString("dd/MMM/yyyy:HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture),
            ["httpMethod"] = context.Request.Method,
            ["resourcePath"] = route.Path,
            ["path"] = $"/{stageName}{RawPath(context.Request)}",
            ["protocol"] = context.Request.Protocol,
            ["status"] = context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["responseLatency"] = ((long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (outcome is not null) values["authorizer.status"] = outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in outcome?.Answer ?? new Dictionary<string, string>()) values[$"authorizer.{key}"] = value;
        var line = AccessLog.Render(values);
        lock (accessLog!)
        {
            accessLog.WriteLine(line);
            accessLog.Flush();
        }
    }

    /// <summary>
    /// The Lambda authorizer on every protected route, then the usage plan of the API key it returned (every protected
    /// method requires one: key source AUTHORIZER). A refusal is answered here; an allow hands on what API Gateway puts
    /// in the proxy event's authorizer context.
    /// </summary>
    private async Task<(bool Allowed, Dictionary<string, JsonElement>? Context, AuthorizerOutcome? Outcome)> AuthorizeAsync(
        HttpContext context, Route route, Dictionary<string, string> pathParameters, string requestId)
    {
        if (route.Access == Access.Public) return (true, null, null);
        var request = context.Request;
        var path = RawPath(request);
        var outcome = await lambdaAuthorizer.AuthorizeAsync(new GatewayRequest(route, request.Method, path,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            pathParameters, MethodArn(stageName, request.Method, path), requestId));
        if (!outcome.Allowed)
        {
            if (outcome.Status == 401) await WriteUnauthorizedAsync(context.Response);
            else await WriteMessageAsync(context.Response, outcome.Status, outcome.Message!);
            return (false, null, outcome);
        }
        if (meter.Admit(outcome.ApiKey) is { } refused)
        {
            await WriteMessageAsync(context.Response, refused.Status, refused.Message);
            return (false, null, outcome);
        }
        return (true, outcome.Context, outcome);
    }

    /// <summary>The proxy event API Gateway builds for a Lambda proxy integration.</summary>
    private ProxyRequest ProxyRequestFor(HttpContext context, Route route, Dictionary<string, string> pathParameters, string requestId,
        Dictionary<string, JsonElement>? authorizerContext, string body)
    {
        var request = context.Request;
        var query = RawQuery.Parse(request.QueryString.Value);
        return new ProxyRequest
        {
            Resource = route.Path,
            Path = RawPath(request),
            HttpMethod = request.Method,
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            QueryStringParameters = query.Count == 0 ? null : query.ToDictionary(q => q.Key, q => q.Value[^1], StringComparer.Ordinal),
            MultiValueQueryStringParameters = query.Count == 0 ? null : query,
            PathParameters = pathParameters.Count == 0 ? null : pathParameters,
            RequestContext = new ProxyRequestContext
            {
                RequestId = requestId,
                Stage = stageName,
                Identity = new RequestIdentity { SourceIp = context.Connection.RemoteIpAddress?.ToString() },
                Authorizer = authorizerContext,
            },
            Body = body.Length == 0 ? null : body,
            IsBase64Encoded = false,
        };
    }

    /// <summary>Calls the route's function through its Stream entry point and writes its proxy response.</summary>
    private async Task InvokeAsync(HttpContext context, Route route, ProxyRequest proxyRequest)
    {
        var input = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(proxyRequest, PetStore.Lambdas.LambdaJson.Default.ProxyRequest));
        var output = await functions.Backends[route.Backend](input);
        var response = await JsonSerializer.DeserializeAsync(output, PetStore.Lambdas.LambdaJson.Default.ProxyResponse)
            ?? throw new InvalidOperationException($"{route.Backend} returned no response.");

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        var bytes = response.IsBase64Encoded ? Convert.FromBase64String(response.Body) : Encoding.UTF8.GetBytes(response.Body);
        // A 204 or 304 has no body; Kestrel refuses even an empty write and drops the connection, and clients then
        // resend the request (a DELETE ran twice: 204, then 404).
        if (bytes.Length > 0) await context.Response.Body.WriteAsync(bytes);
    }

    /// <summary>
    /// The path as the client sent it, still percent-encoded, as API Gateway routes it and passes it on (ASP.NET's
    /// <c>Request.Path</c> is decoded, except <c>%2F</c>, and without dot segments).
    /// </summary>
    public static string RawPath(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (target is not { Length: > 0 } || target[0] != '/') return request.Path.Value is { Length: > 0 } path ? path : "/";
        var query = target.IndexOf('?');
        return query < 0 ? target : target[..query];
    }

    /// <summary>
    /// The route for a request as API Gateway picks it: literal segments before parameters, then the verb (exactly:
    /// HTTP methods are case-sensitive, so <c>delete</c> is no DELETE route) or ANY.
    /// </summary>
    internal static (Route? Route, Dictionary<string, string> Parameters) Match(string method, string path)
    {
        var candidates = RouteTable.All
            .Select(r => (Route: r, Matched: RoutePath.TryMatch(r.Path, path, out var parameters), Parameters: parameters))
            .Where(c => c.Matched)
            .OrderBy(c => c.Route.PathParameters.Count)
            .ToList();
        if (candidates.Count == 0) return (null, []);
        var best = candidates.Where(c => c.Route.PathParameters.Count == candidates[0].Route.PathParameters.Count).ToList();
        var chosen = best.FirstOrDefault(c => string.Equals(c.Route.Method, method, StringComparison.Ordinal));
        if (chosen.Route is null) chosen = best.FirstOrDefault(c => c.Route.Method == "ANY");
        return chosen.Route is null ? (null, []) : (chosen.Route, chosen.Parameters.ToDictionary());
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static Task WriteUnauthorizedAsync(HttpResponse response)
    {
        response.Headers.WWWAuthenticate = "Bearer";
        return WriteMessageAsync(response, 401, "Unauthorized");
    }

    private static async Task WriteMessageAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new MessageBody(message), PetStore.Lambdas.LambdaJson.Default.MessageBody));
    }
}
