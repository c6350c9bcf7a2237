using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using PetStore.Cedar;
using PetStoreInfra.Compliance;
using PetStore.Configuration;
using PetStoreInfra.Configuration;
using PetStoreInfra.Constructs;

namespace PetStoreInfra.Tests.Fixtures;

/// <summary>
/// The real app for one environment of the repository's cdk.json, synthesized once per test run with Lambda
/// bundling skipped (as CDK users do in tests: <c>aws:cdk:bundling-stacks</c> = []), with the pinned policies.
/// </summary>
public abstract class SynthesizedApp : IDisposable
{
    private readonly string _outdir = Directory.CreateTempSubdirectory("petstore-synth-").FullName;
    private readonly Dictionary<string, Template> _templates = [];

    // Fixtures may be built concurrently; jsii calls must not be.
    private static readonly Lock JsiiGate = new();

    // The pinned policies (TestCedar) are read and validated once per test run, as synth does: snapshots follow the
    // store's shape, not the authors' edits of cedar/policies.
    private static readonly Lazy<PolicyStoreDefinition> CedarPolicies = new(() => PathParameterPolicyApp.CedarWith());

    /// <param name="policies">Policies other than the pinned ones (read with the same loader synth uses).</param>
    protected SynthesizedApp(string environment, Action<JsonObject>? adjust = null, Func<PolicyStoreDefinition>? policies = null)
    {
        lock (JsiiGate) Build(environment, adjust, policies);
    }

    private void Build(string environment, Action<JsonObject>? adjust, Func<PolicyStoreDefinition>? policies)
    {
        Layout = RepositoryLayout.Find(AppContext.BaseDirectory);
        var context = CdkJson.Context(Layout, environment, adjust);
        context[ConfigLoader.EnvironmentKey] = environment;
        context["aws:cdk:bundling-stacks"] = Array.Empty<string>();

        App = new App(new AppProps { Context = context, Outdir = _outdir });
        Config = CdkContext.ReadConfig(App.Node);
        Policies = policies?.Invoke() ?? CedarPolicies.Value;
        Stacks = PetStoreApp.Build(App, Config, new LambdaBundle(Layout, Config.Lambda.Architecture), Policies);
        Compliance = new ComplianceAspect(new ComplianceChecker());
        Aspects.Of(App).Add(Compliance);
        App.Synth();
    }

    /// <summary>The cloud assembly folder the app was synthesized into.</summary>
    public string Outdir => _outdir;

    public RepositoryLayout Layout { get; private set; } = null!;
    public App App { get; private set; } = null!;
    public DeploymentConfig Config { get; private set; } = null!;
    public PetStoreStacks Stacks { get; private set; } = null!;
    public PolicyStoreDefinition Policies { get; private set; } = null!;
    public ComplianceAspect Compliance { get; private set; } = null!;

    public IEnumerable<Stack> AllStacks => Stacks.All;

    public Template Template(Stack stack)
    {
        lock (_templates)
        {
            if (!_templates.TryGetValue(stack.StackName, out var template))
                _templates[stack.StackName] = template = Amazon.CDK.Assertions.Template.FromStack(stack);
            return template;
        }
    }

    /// <summary>The template file exactly as synthesized to the cloud assembly.</summary>
    public JsonObject TemplateJson(Stack stack) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_outdir, stack.TemplateFile)))!.AsObject();

    /// <summary>Resources of one CloudFormation type, by logical id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources(Stack stack, string type) =>
        TemplateJson(stack)["Resources"]!.AsObject()
            .Where(r => r.Value!["Type"]!.GetValue<string>() == type)
            .ToDictionary(r => r.Key, r => r.Value!.AsObject());

    public void Dispose()
    {
        try { Directory.Delete(_outdir, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

public sealed class DevApp() : SynthesizedApp("dev");

public sealed class ProdApp() : SynthesizedApp("prod");

/// <summary>
/// dev with the options the repository's environments leave off: a custom domain, country allowlist, reserved
/// concurrency, an alarm email, tenants' machine clients in the pool (its domain), an OIDC provider, the second origin
/// secret slot active, count-only WAF rules, the functions on the managed runtime and the audit trail (in an environment
/// that keeps no data).
/// </summary>
public sealed class VariantApp() : SynthesizedApp("dev", dev =>
{
    var perimeter = dev["perimeter"]!.AsObject();
    perimeter["domainName"] = "api.petstore.example";
    perimeter["certificateArn"] = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    perimeter["allowedCountries"] = new JsonArray("DE", "FR");
    perimeter["countOnlyRules"] = new JsonObject { ["AWSManagedRulesCommonRuleSet"] = new JsonArray("NoUserAgent_HEADER") };
    perimeter["originSecret"] = new JsonObject { ["active"] = "b", ["generationA"] = 1, ["generationB"] = 2 };
    dev["lambda"]!["reservedConcurrency"] = 20;
    // The fallback for the functions, while the authorizer keeps the custom runtime: each key reaches its functions.
    dev["lambda"]!["runtime"] = "managed";
    dev["alarms"]!["email"] = "ops@petstore.example";
    dev["userPools"]![0]!["tenants"] = new JsonObject { ["domainPrefix"] = "petstore-variant-tenants" };
    dev["oidcProviders"] = JsonNode.Parse("""
        [{ "name": "Partners", "issuer": "https://petstore-partners.eu.auth0.com/", "audiences": ["https://api.petstore.example"],
           "requiredScope": "petstore:api", "accessTokenType": "at+jwt", "groupsClaim": ["permissions"],
           "groupMapping": { "write:pets": "employees" }, "clientIds": ["SpaClient123"],
           "machineToken": { "claim": "gty", "value": "client-credentials" }, "tenantClaim": ["org_id"], "groups": ["customers", "employees"] }]
        """);
    dev["threatProtection"] = "enforced";
    dev["auditTrail"] = new JsonObject { ["enabled"] = true, ["retentionDays"] = 7 };
});

/// <summary>
/// dev with one more policy, cedar/examples/employees-reports.cedar, which reads a path parameter: what a new kind of
/// condition does to the template.
/// </summary>
public sealed class PathParameterPolicyApp() : SynthesizedApp("dev", policies: () => CedarWith(("reports.cedar", ReportsPolicy)))
{
    public static string ReportsPolicy =>
        File.ReadAllText(Path.Combine(RepositoryLayout.Find(AppContext.BaseDirectory).Root, "cedar", "examples", "employees-reports.cedar"));

    /// <summary>The pinned cedar/ folder (<see cref="PetStore.Testing.TestCedar"/>) plus some policy files, loaded as synth loads them.</summary>
    public static PolicyStoreDefinition CedarWith(params (string Name, string Text)[] files)
    {
        var repository = RepositoryLayout.Find(AppContext.BaseDirectory);
        var copy = new RepositoryLayout(Directory.CreateTempSubdirectory("cedar-variant-").FullName);
        try
        {
            PetStore.Testing.TestCedar.Copy(repository.Root, copy.Root);
            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(copy.CedarDirectory, "policies", name), text);
            return CedarFiles.Load(copy, PetStore.NodeTools.NodeTools.Locate(repository.Root));
        }
        finally
        {
            Directory.Delete(copy.Root, recursive: true);
        }
    }
}

/// <summary>The context section of the repository's cdk.json, as plain .NET values for <see cref="AppProps.Context"/>.</summary>
public static class CdkJson
{
    /// <param name="adjust">Changes to one environment's settings before use.</param>
    public static Dictionary<string, object> Context(RepositoryLayout layout, string? environment = null, Action<JsonObject>? adjust = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(layout.Root, "cdk.json")))!;
        if (environment is not null && adjust is not null) adjust(root["context"]!["environments"]![environment]!.AsObject());
        using var document = JsonDocument.Parse(root.ToJsonString());
        return document.RootElement.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)!);
    }

    private static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
