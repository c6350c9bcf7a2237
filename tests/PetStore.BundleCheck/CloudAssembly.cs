using System.Text.Json.Nodes;

namespace PetStore.BundleCheck;

/// <summary>
/// A Lambda function as the cloud assembly deploys it: its template properties, and the bundle folder that
/// <c>cdk deploy</c> would zip and upload for it (the asset the assets manifest publishes to the function's S3 key).
/// </summary>
/// <param name="Variables">The template's environment variables: a string where the value is literal, else the CloudFormation expression.</param>
public sealed record DeployedFunction(
    string Stack,
    string LogicalId,
    string Region,
    string Runtime,
    string Handler,
    string Architecture,
    int MemorySizeMb,
    string Bundle,
    IReadOnlyDictionary<string, JsonNode?> Variables);

/// <summary>
/// Reads a cloud assembly (<c>cdk.out</c>) the way <c>cdk deploy</c> does: manifest.json names the stacks, their
/// templates and asset manifests; a function's <c>Code.S3Key</c> is matched to the file asset published under that
/// key, whose source is the staged bundle folder. Nothing is guessed from folder names.
/// </summary>
public sealed class CloudAssembly
{
    private CloudAssembly(string directory, IReadOnlyList<DeployedFunction> functions, IReadOnlyList<(string Stack, string FunctionLogicalId)> lambdaAuthorizers) =>
        (Directory, Functions, LambdaAuthorizers) = (directory, functions, lambdaAuthorizers);

    public string Directory { get; }
    public IReadOnlyList<DeployedFunction> Functions { get; }

    /// <summary>The functions API Gateway's Lambda (REQUEST or TOKEN) authorizers call, by stack and logical id.</summary>
    public IReadOnlyList<(string Stack, string FunctionLogicalId)> LambdaAuthorizers { get; }

    public static CloudAssembly Read(string directory)
    {
        var manifestPath = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifestPath))
            throw new BundleCheckException($"{manifestPath} does not exist: synthesize first (`npx cdk synth`), or name the cloud assembly folder.");
        var artifacts = Json(manifestPath)["artifacts"]!.AsObject();

        var functions = new List<DeployedFunction>();
        var authorizers = new List<(string, string)>();
        foreach (var (stack, artifact) in artifacts)
        {
            if (artifact!["type"]!.GetValue<string>() != "aws:cloudformation:stack") continue;
            var region = artifact["environment"]!.GetValue<string>().Split('/')[^1];
            var template = Json(Path.Combine(directory, artifact["properties"]!["templateFile"]!.GetValue<string>()));
            var assets = AssetSources(directory, artifacts, artifact);
            foreach (var (logicalId, resource) in template["Resources"]?.AsObject() ?? [])
            {
                var type = resource!["Type"]!.GetValue<string>();
                var properties = resource["Properties"]?.AsObject() ?? [];
                if (type == "AWS::ApiGateway::Authorizer" && properties["Type"]?.GetValue<string>() is "REQUEST" or "TOKEN")
                    authorizers.Add((stack, FunctionReference(properties["AuthorizerUri"])
                        ?? throw new BundleCheckException($"{stack}/{logicalId}: the authorizer's AuthorizerUri names no function of the template.")));
                if (type != "AWS::Lambda::Function") continue;
                var key = properties["Code"]?["S3Key"]?.GetValue<string>()
                    ?? throw new BundleCheckException($"{stack}/{logicalId}: Code has no S3Key (inline or image code is not a bundle this check runs).");
                var bundle = assets.GetValueOrDefault(key)
                    ?? throw new BundleCheckException($"{stack}/{logicalId}: no file asset in the stack's assets manifest is published to {key}.");
                functions.Add(new DeployedFunction(
                    stack, logicalId, region,
                    properties["Runtime"]?.GetValue<string>() ?? "",
                    properties["Handler"]?.GetValue<string>() ?? "",
                    properties["Architectures"]?[0]?.GetValue<string>() ?? "x86_64", // Lambda's default
                    properties["MemorySize"]?.GetValue<int>() ?? 128,
                    bundle,
                    (properties["Environment"]?["Variables"]?.AsObject() ?? []).ToDictionary(v => v.Key, v => v.Value?.DeepClone())));
            }
        }
        return new CloudAssembly(Path.GetFullPath(directory), functions, authorizers);
    }

    /// <summary>S3 object key to staged bundle folder, for every zip file asset of the stack's assets manifest.</summary>
    private static Dictionary<string, string> AssetSources(string directory, JsonObject artifacts, JsonNode stackArtifact)
    {
        var sources = new Dictionary<string, string>();
        foreach (var dependency in stackArtifact["dependencies"]?.AsArray() ?? [])
        {
            var artifact = artifacts[dependency!.GetValue<string>()];
            if (artifact?["type"]?.GetValue<string>() != "cdk:asset-manifest") continue;
            var manifest = Json(Path.Combine(directory, artifact["properties"]!["file"]!.GetValue<string>()));
            foreach (var (_, asset) in manifest["files"]?.AsObject() ?? [])
            {
                if (asset!["source"]!["packaging"]?.GetValue<string>() != "zip") continue;
                var folder = Path.Combine(directory, asset["source"]!["path"]!.GetValue<string>());
                foreach (var (_, destination) in asset["destinations"]!.AsObject())
                    sources[destination!["objectKey"]!.GetValue<string>()] = folder;
            }
        }
        return sources;
    }

    /// <summary>The logical id in the first <c>Fn::GetAtt [id, Arn]</c> of an expression.</summary>
    private static string? FunctionReference(JsonNode? expression) => expression switch
    {
        JsonObject o when o["Fn::GetAtt"] is JsonArray { Count: 2 } getAtt && getAtt[1]?.GetValue<string>() == "Arn" => getAtt[0]!.GetValue<string>(),
        JsonObject o => o.Select(p => FunctionReference(p.Value)).FirstOrDefault(r => r is not null),
        JsonArray a => a.Select(FunctionReference).FirstOrDefault(r => r is not null),
        _ => null,
    };

    private static JsonNode Json(string path) => JsonNode.Parse(File.ReadAllText(path))
        ?? throw new BundleCheckException($"{path} is empty.");
}
