using System.Text.Json.Nodes;
using Amazon.CDK;

namespace PetStoreInfra.Tests.Fixtures;

/// <summary>Reads API Gateway methods back out of a synthesized template by their resource path.</summary>
public sealed class ApiTemplate
{
    private readonly IReadOnlyDictionary<string, JsonObject> _resources;

    public ApiTemplate(SynthesizedApp app, Stack stack)
    {
        _resources = app.TemplateJson(stack)["Resources"]!.AsObject().ToDictionary(r => r.Key, r => r.Value!.AsObject());
        Methods = _resources
            .Where(r => r.Value["Type"]!.GetValue<string>() == "AWS::ApiGateway::Method")
            .Select(r => new ApiMethod(r.Key, r.Value["Properties"]!["HttpMethod"]!.GetValue<string>(), PathOf(r.Value["Properties"]!["ResourceId"]!), r.Value["Properties"]!.AsObject()))
            .ToList();
    }

    public IReadOnlyList<ApiMethod> Methods { get; }

    public JsonObject Resource(string logicalId) => _resources[logicalId];

    public IEnumerable<KeyValuePair<string, JsonObject>> OfType(string type) =>
        _resources.Where(r => r.Value["Type"]!.GetValue<string>() == type);

    /// <summary>A method's resource id is the root (GetAtt RootResourceId) or a Ref to a Resource with PathPart and ParentId.</summary>
    private string PathOf(JsonNode resourceId)
    {
        if (resourceId["Fn::GetAtt"] is not null) return "/";
        var resource = _resources[resourceId["Ref"]!.GetValue<string>()]["Properties"]!;
        var parent = PathOf(resource["ParentId"]!);
        return (parent == "/" ? "" : parent) + "/" + resource["PathPart"]!.GetValue<string>();
    }
}

public sealed record ApiMethod(string LogicalId, string HttpMethod, string Path, JsonObject Properties)
{
    public string AuthorizationType => Properties["AuthorizationType"]!.GetValue<string>();
    public string? AuthorizerRef => Properties["AuthorizerId"]?["Ref"]?.GetValue<string>();
    public IReadOnlyList<string> Scopes => Properties["AuthorizationScopes"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [];
    public string IntegrationType => Properties["Integration"]!["Type"]!.GetValue<string>();
}
