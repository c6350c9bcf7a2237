using System.Text.Json.Nodes;
using PetStore.Contract;
using PetStore.Testing;

namespace PetStore.BundleCheck;

/// <summary>
/// The functions that call no AWS service, each answering the one event that shows it works: the admin function a
/// request under /admin, the token trigger a token generation (it must add the API scope).
/// </summary>
public static class DownstreamFreeCheck
{
    public static async Task AdminAsync(DeployedFunction function, FunctionLauncher launcher, CheckReport report)
    {
        var route = ApiManifest.Admin.Routes.First();
        var parameter = route.PathParameters.Single();
        await using var environment = launcher.Start("admin", function, new Dictionary<string, string>(), new Dictionary<string, string>());
        var answer = await environment.InvokeAsync(ApiGatewayEvents.Proxy("GET", route.Path, route.Path.Replace($"{{{parameter}}}", "reports%2Fq1"),
            pathParameters: new Dictionary<string, string> { [parameter] = "reports%2Fq1" }));
        var (status, body) = answer.Kind == "response" ? ApiGatewayEvents.ProxyAnswer(answer.Body) : (0, null);
        report.Check($"admin: GET {route.Path} (an encoded slash, read once)", status == 200 && body?["message"]?.GetValue<string>() == "User authorized for /admin/reports/q1",
            $"{answer.Kind} {status}: {CheckReport.Shorten(body?.ToJsonString() ?? answer.Body)}");
    }

    public static async Task TokenScopesAsync(DeployedFunction function, FunctionLauncher launcher, CheckReport report)
    {
        await using var environment = launcher.Start("token-scopes", function, new Dictionary<string, string>(), new Dictionary<string, string>());
        var answer = await environment.InvokeAsync(CognitoTriggerEvents.TokenGeneration("olivia"));
        report.Check("token trigger: adds the API scope to the access token",
            answer.Kind == "response" && CognitoTriggerEvents.AddsScope(JsonNode.Parse(answer.Body), ApiScope.FullName),
            $"{answer.Kind}: {CheckReport.Shorten(answer.Body)}");
    }
}
