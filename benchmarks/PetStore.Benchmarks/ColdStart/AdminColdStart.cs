using PetStore.Contract;
using PetStore.Testing;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>The admin function on GET /admin/{proxy+}: no downstream, so its cold start is the runtime's and ours alone.</summary>
public sealed class AdminColdStart : ColdStartFunction
{
    private const string Path = "reports";

    public AdminColdStart()
    {
        var route = RouteTable.All.Single(r => r.Operation == RouteTable.Operations.Admin);
        var parameter = route.PathParameters.Single();
        Request = $"GET {route.Path}";
        Event = ApiGatewayEvents.Proxy("GET", route.Path, route.Path.Replace($"{{{parameter}}}", Path),
            pathParameters: new Dictionary<string, string> { [parameter] = Path });
    }

    public override string Name => "admin";
    public override string Request { get; }
    public override string Handler => FunctionHandlers.Admin;
    public override string Baseline => "before";
    public override byte[] Event { get; }
    public override IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    public override string? Problem(string kind, string body)
    {
        if (kind != "response") return $"{kind}: {body}";
        var (status, answer) = ApiGatewayEvents.ProxyAnswer(body);
        return status == 200 && answer?["message"]?.GetValue<string>()?.EndsWith($"/admin/{Path}", StringComparison.Ordinal) == true
            ? null
            : $"expected 200 for /admin/{Path}: {body}";
    }
}
