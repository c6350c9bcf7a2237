using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Constructs;

namespace PetStoreInfra.Compliance;

/// <summary>
/// cdk-nag's rule ids and finding ids as its AwsSolutions and Serverless packs (npm cdk-nag 3.x, run by
/// tools/gates/cdk-nag.mjs) write them.
/// </summary>
public static partial class NagRuleIds
{
    public static readonly IReadOnlyList<string> Packs = ["AwsSolutions", "Serverless"];

    /// <summary>IAM entities contain wildcard permissions; one finding per wildcard (<c>Resource::…</c>, <c>Action::…</c>).</summary>
    public const string IamWildcards = "AwsSolutions-IAM5";

    public static bool IsCdkNag(string ruleId) => NagRuleId().IsMatch(ruleId);

    /// <summary>
    /// A resource of an IAM statement as cdk-nag names it in a finding id: intrinsics flattened, <c>Ref</c> as
    /// <c>&lt;Name&gt;</c>, <c>Fn::GetAtt</c> as <c>&lt;Resource.Attribute&gt;</c> (cdk-nag's flattenCfnReference).
    /// </summary>
    public static string Resource(IConstruct scope, string arn) => Flatten(JsiiValues.ToJsonNode(Stack.Of(scope).Resolve(arn)));

    public static string Flatten(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text.Replace("${", "<").Replace("}", ">"),
        JsonObject join when join["Fn::Join"] is JsonArray parts =>
            string.Join(parts[0]!.GetValue<string>(), parts[1]!.AsArray().Select(Flatten)),
        JsonObject sub when sub["Fn::Sub"] is { } template => Flatten(template),
        JsonObject getAtt when getAtt["Fn::GetAtt"] is JsonArray target => $"<{Flatten(target[0])}.{Flatten(target[1])}>",
        JsonObject import when import["Fn::ImportValue"] is { } name => Flatten(name),
        JsonObject reference when reference["Ref"] is { } name => $"<{Flatten(name)}>",
        _ => node.ToJsonString(),
    };

    [GeneratedRegex("^(AwsSolutions|Serverless)-[A-Za-z0-9]+$")]
    private static partial Regex NagRuleId();
}
