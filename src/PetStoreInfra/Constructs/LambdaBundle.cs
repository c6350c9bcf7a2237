using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using PetStoreInfra.Configuration;

namespace PetStoreInfra.Constructs;

/// <summary>
/// The one code bundle every function shares: <c>lambdas/PetStore.Lambdas</c> published for the configured
/// architecture. Its hash is computed from the sources and build settings, so an unchanged tree reuses the staged
/// bundle in <c>cdk.out</c> instead of publishing again, and the same tree always gives the same hash.
/// </summary>
public sealed class LambdaBundle(RepositoryLayout layout, LambdaArchitecture architecture)
{
    private static readonly string[] ExcludedDirectories = ["bin", "obj"];

    // CDK binds an asset to one stack; functions in the same stack share one Code.
    private readonly Dictionary<string, Code> _codeByStack = [];
    private string? _sourceHash;

    public LambdaArchitecture Architecture => architecture;

    public Code CodeFor(Construct scope)
    {
        var stack = Stack.Of(scope).Node.Path;
        if (!_codeByStack.TryGetValue(stack, out var code)) _codeByStack[stack] = code = Create();
        return code;
    }

    private Code Create()
    {
        string[] publishArguments =
        [
            "--configuration", "Release",
            "--runtime", RuntimeIdentifier(architecture),
            "--self-contained", "false",
            "-p:ContinuousIntegrationBuild=true",
            "-p:GenerateDocumentationFile=false",
        ];

        return Code.FromAsset(layout.LambdasDirectory, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.CUSTOM,
            AssetHash = _sourceHash ??= SourceHash(layout, publishArguments),
            Exclude = [.. ExcludedDirectories.Select(d => $"**/{d}")],
            Bundling = new BundlingOptions
            {
                Local = new DotnetBundling(layout.LambdasProject, publishArguments),
                // CDK requires an image, but local bundling either succeeds or throws, so Docker is never used.
                Image = DockerImage.FromRegistry("mcr.microsoft.com/dotnet/sdk:10.0"),
            },
        });
    }

    public static string RuntimeIdentifier(LambdaArchitecture architecture) =>
        architecture == LambdaArchitecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>SHA-256 over every source file's path and bytes (bin/obj excluded), the build settings files and the publish arguments.</summary>
    internal static string SourceHash(RepositoryLayout layout, IEnumerable<string> publishArguments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sources = Directory.EnumerateFiles(layout.LambdasDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(layout.LambdasDirectory, f).Split(Path.DirectorySeparatorChar).Any(ExcludedDirectories.Contains))
            .Concat(layout.BuildSettingsFiles)
            .Select(f => (Relative: Path.GetRelativePath(layout.Root, f).Replace('\\', '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (relative, full) in sources)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(File.ReadAllBytes(full));
            hash.AppendData("\n"u8);
        }
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join(' ', publishArguments)));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
