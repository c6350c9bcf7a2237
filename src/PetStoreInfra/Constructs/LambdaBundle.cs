using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using PetStore.Configuration;

namespace PetStoreInfra.Constructs;

/// <summary>
/// The code bundles of the functions, one per <see cref="LambdaPackage"/>, published from <c>lambdas/</c> for the
/// configured architecture. A bundle's hash is computed from the sources, build settings and publish arguments, so
/// an unchanged tree reuses the staged bundle in <c>cdk.out</c> instead of publishing again, and the same tree always
/// gives the same hash.
/// </summary>
public sealed class LambdaBundle(RepositoryLayout layout, LambdaArchitecture architecture)
{
    private static readonly string[] ExcludedDirectories = ["bin", "obj"];

    // CDK binds an asset to one stack; functions in the same stack and package share one Code.
    private readonly Dictionary<(string Stack, string Package), Code> _code = [];
    private readonly Dictionary<string, string> _sourceHashes = [];

    public LambdaArchitecture Architecture => architecture;

    public Code CodeFor(Construct scope, LambdaPackage package)
    {
        var key = (Stack.Of(scope).Node.Path, package.Name);
        if (!_code.TryGetValue(key, out var code)) _code[key] = code = Create(package);
        return code;
    }

    private string[] PublishArguments(LambdaPackage package) =>
    [
        "--configuration", "Release",
        "--runtime", RuntimeIdentifier(architecture),
        "-p:ContinuousIntegrationBuild=true",
        "-p:GenerateDocumentationFile=false",
        .. package.PublishArguments,
    ];

    private Code Create(LambdaPackage package)
    {
        var publishArguments = PublishArguments(package);
        if (!_sourceHashes.TryGetValue(package.Name, out var hash))
            _sourceHashes[package.Name] = hash = SourceHash(layout, [package.Project, .. publishArguments]);

        return Code.FromAsset(layout.LambdasDirectory, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.CUSTOM,
            AssetHash = hash,
            Exclude = [.. ExcludedDirectories.Select(d => $"**/{d}")],
            Bundling = new BundlingOptions
            {
                Local = new DotnetBundling(Path.Combine(layout.LambdasDirectory, package.Project), publishArguments),
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
