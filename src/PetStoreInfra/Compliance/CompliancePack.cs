using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStoreInfra.Compliance;

/// <summary>
/// Our own compliance rules: only what cdk-nag's AwsSolutions and Serverless packs do not check (each rule's
/// <see cref="ComplianceRule.Reference"/> says what cdk-nag lacks). cdk-nag itself runs over the synthesized templates
/// in the external gate (tools/gates/cdk-nag.mjs); these run at every synth, so an unaccepted finding fails
/// <c>cdk synth</c>. Each rule inspects one CloudFormation type; a rule that needs another resource (a logging
/// configuration, an authorizer) looks it up among the app's resources.
/// </summary>
public static class CompliancePack
{
    public const string RouteAuthorization = "PetStore-RouteAuthorization";
    public const string WildcardResourceActions = "PetStore-IAM-WildcardResourceActions";

    public static readonly IReadOnlyList<ComplianceRule> Rules =
    [
        // API Gateway
        new(RouteAuthorization, Severity.Error, "AWS::ApiGateway::Method",
            "Every method is a route of the route table and is authorized as its access level says: public none; signed-in, policy and resource a Lambda REQUEST authorizer, and the API key it supplies (usage plans meter every caller)",
            "cdk-nag's APIG4 and COG4 ask for some authorizer on every method; they do not know which routes are public, which authorizer each needs, or that metering needs a key on each",
            r => MethodRoute(r) is not { } route ? $"{Text(r["HttpMethod"])} {MethodPath(r)} is not a route of the route table"
                : (route.Access, Text(r["AuthorizationType"])) switch
                {
                    (Access.Public, null or "NONE") => null,
                    (Access.SignedIn or Access.Policy or Access.Resource, "CUSTOM") when Authorizer(r) is { } authorizer && Text(authorizer["Type"]) == "REQUEST" && Bool(r["ApiKeyRequired"]) => null,
                    var (access, type) => $"{route} is a {access} route but its method has authorization {type ?? "NONE"}" +
                        (access != Access.Public && !Bool(r["ApiKeyRequired"]) ? " and requires no API key" : ""),
                }),
        new("PetStore-RouteBodyModel", Severity.Error, "AWS::ApiGateway::Method", "Methods that take a body validate it against a model",
            "cdk-nag's APIG2 asks for a request validator on the API, not for a model on each method",
            r => Text(r["HttpMethod"]) is not ("POST" or "PUT" or "PATCH") || Text(r["Integration"]?["Type"]) == "MOCK" ? null
                : r["RequestValidatorId"] is not null && r["RequestModels"] is JsonObject { Count: > 0 } ? null
                : $"{Text(r["HttpMethod"])} {MethodPath(r)} takes a body but has no request validator and model"),
        new("PetStore-APIG-NoDataTrace", Severity.Error, "AWS::ApiGateway::Stage", "Execution logs never hold request or response data",
            "cdk-nag's APIG6 asks for execution logging, not for data tracing off; our bodies carry passwords and tokens",
            r => (r["MethodSettings"] as JsonArray ?? []).FirstOrDefault(m => Bool(m!["DataTraceEnabled"])) is { } traced
                ? $"full request/response data logging is on for {Text(traced["HttpMethod"])} {Text(traced["ResourcePath"])}" : null),
        new("PetStore-APIG-Regional", Severity.Error, "AWS::ApiGateway::RestApi", "REST APIs are regional (or private), behind our own CloudFront and WAF",
            "cdk-nag has no endpoint-type rule",
            r => r["EndpointConfiguration"]?["Types"] is JsonArray types && types.All(t => Text(t) is "REGIONAL" or "PRIVATE")
                ? null : "the API is edge-optimized (or unset): its AWS-managed CloudFront bypasses our distribution and edge WAF"),

        // Cognito
        new("PetStore-COG-ThreatProtection", Severity.Error, "AWS::Cognito::UserPool", "User pools enforce threat protection (advanced security)",
            "cdk-nag's COG8 asks for the Plus plan, which also allows threat protection off or in audit mode",
            r => Text(r["UserPoolAddOns"]?["AdvancedSecurityMode"]) == "ENFORCED" ? null : "threat protection is not enforced"),
        new("PetStore-COG-UserExistenceErrors", Severity.Error, "AWS::Cognito::UserPoolClient", "App clients do not reveal whether a user exists",
            "cdk-nag has no app client rules",
            r => Text(r["PreventUserExistenceErrors"]) == "ENABLED" ? null : "PreventUserExistenceErrors is not ENABLED"),
        new("PetStore-COG-NoImplicitGrant", Severity.Error, "AWS::Cognito::UserPoolClient", "App clients do not use the OAuth implicit grant",
            "cdk-nag has no app client rules (OAuth 2.0 security BCP)",
            r => r["AllowedOAuthFlows"] is JsonArray flows && flows.Any(f => Text(f) == "implicit") ? "the implicit grant is allowed" : null),
        new("PetStore-COG-TokenRevocation", Severity.Error, "AWS::Cognito::UserPoolClient", "App clients can revoke refresh tokens",
            "cdk-nag has no app client rules",
            r => r["EnableTokenRevocation"] is null || Bool(r["EnableTokenRevocation"]) ? null : "token revocation is disabled"),

        // DynamoDB
        new("PetStore-DDB-KmsEncryption", Severity.Error, "AWS::DynamoDB::Table", "Tables are encrypted with a KMS key (AWS managed or customer managed)",
            "cdk-nag's DDB4 is about DAX clusters only",
            r => Bool(r["SSESpecification"]?["SSEEnabled"]) ? null : "the table uses the AWS owned key, not a KMS key"),

        // Lambda
        new("PetStore-LMB-ReservedConcurrency", Severity.Error, "AWS::Lambda::Function", "Functions reserve concurrency, so one cannot starve the others",
            "cdk-nag has no concurrency rule",
            r => r["ReservedConcurrentExecutions"] is not null ? null : "no reserved concurrency"),
        new("PetStore-LMB-OwnLogGroup", Severity.Error, "AWS::Lambda::Function", "Functions log to a log group the app owns (with retention)",
            "cdk-nag checks the retention of log groups in the template, not the implicit group a function creates",
            r => r["LoggingConfig"]?["LogGroup"] is not null ? null : "the function logs to an implicit log group that keeps logs forever"),

        // IAM
        new(WildcardResourceActions, Severity.Error, "AWS::IAM::Policy", "Actions on wildcard resources are accepted one by one",
            "cdk-nag's IAM5 accepts a wildcard resource for every action of a policy at once",
            r => WildcardResourceStatements(r).ToList() is { Count: > 0 } statements
                ? "the policy allows " + string.Join("; ", statements.Select(s =>
                    $"{string.Join(", ", Values(s["Action"]))} on {string.Join(", ", Values(s["Resource"]).Where(v => v.Contains('*')))}"))
                : null)
        {
            Items = r => [.. WildcardResourceStatements(r).SelectMany(s => Values(s["Action"])).Distinct()],
        },

        // CloudFront
        new("PetStore-CFR-HttpsOnly", Severity.Error, "AWS::CloudFront::Distribution", "Viewers are redirected to HTTPS",
            "cdk-nag checks the TLS version, not the viewer protocol policy",
            r => Behaviors(r).Any(b => Text(b["ViewerProtocolPolicy"]) is not ("redirect-to-https" or "https-only")) ? "a cache behavior allows plain HTTP" : null),
        new("PetStore-CFR-SecurityHeaders", Severity.Error, "AWS::CloudFront::Distribution", "Responses carry security headers (a response headers policy)",
            "cdk-nag has no response headers rule",
            r => Behaviors(r).Any(b => b["ResponseHeadersPolicyId"] is null) ? "a cache behavior has no response headers policy" : null),

        // WAF
        new("PetStore-WAF-Logging", Severity.Error, "AWS::WAFv2::WebACL", "Web ACLs log their decisions",
            "cdk-nag's AwsSolutions and Serverless packs have no WAF logging rule",
            r => r.App.OfType("AWS::WAFv2::LoggingConfiguration").Any(l => AppResources.Mentions(l["ResourceArn"], r)) ? null : "the web ACL has no logging configuration"),
        new("PetStore-WAF-Metrics", Severity.Error, "AWS::WAFv2::WebACL", "Web ACLs and every rule publish CloudWatch metrics",
            "cdk-nag has no WAF metrics rule",
            r => !Bool(r["VisibilityConfig"]?["CloudWatchMetricsEnabled"]) ? "the web ACL publishes no metrics"
                : (r["Rules"] as JsonArray ?? []).FirstOrDefault(rule => !Bool(rule!["VisibilityConfig"]?["CloudWatchMetricsEnabled"])) is { } quiet
                    ? $"rule {Text(quiet["Name"])} publishes no metrics" : null),

        // S3, SNS
        new("PetStore-S3-Encryption", Severity.Error, "AWS::S3::Bucket", "Buckets encrypt objects at rest",
            "cdk-nag's AwsSolutions pack has no default-encryption rule",
            r => r["BucketEncryption"] is not null ? null : "no default encryption"),
        new("PetStore-S3-Versioning", Severity.Error, "AWS::S3::Bucket", "Buckets keep versions of overwritten or deleted objects, and expire old versions",
            "cdk-nag's AwsSolutions pack has no versioning rule (checkov CKV_AWS_21)",
            r => Text(r["VersioningConfiguration"]?["Status"]) != "Enabled" ? "versioning is off"
                : (r["LifecycleConfiguration"]?["Rules"] as JsonArray ?? []).Any(rule => Text(rule!["Status"]) == "Enabled"
                    && (rule["NoncurrentVersionExpiration"]?["NoncurrentDays"] ?? rule["NoncurrentVersionExpirationInDays"]) is not null)
                ? null : "noncurrent versions never expire"),
        new("PetStore-SNS-Encryption", Severity.Error, "AWS::SNS::Topic", "Topics are encrypted with a KMS key",
            "cdk-nag's AwsSolutions pack checks TLS on topics (SNS3), not encryption",
            r => r["KmsMasterKeyId"] is not null ? null : "the topic is not encrypted"),
    ];

    private static bool Bool(JsonNode? node) => node is JsonValue value && (value.TryGetValue<bool>(out var b) ? b : value.TryGetValue<string>(out var s) && s == "true");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A value or list of values as literal strings; tokens (Ref, GetAtt, Join) become their JSON, so a literal '*' inside a Join is seen.</summary>
    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.SelectMany(Values),
        JsonObject join when join["Fn::Join"] is JsonArray parts => [string.Concat(parts[1]!.AsArray().Select(p => Text(p) ?? "{token}"))],
        JsonObject other => [other.ToJsonString()],
        _ => [Text(node) ?? node.ToJsonString()],
    };

    private static IEnumerable<JsonNode> AllowStatements(ResourceUnderTest policy) =>
        (policy["PolicyDocument"]?["Statement"] as JsonArray ?? []).Where(s => Text(s!["Effect"]) == "Allow").Select(s => s!);

    private static IEnumerable<JsonNode> WildcardResourceStatements(ResourceUnderTest policy) =>
        AllowStatements(policy).Where(s => Values(s["Resource"]).Any(v => v.Contains('*')));



    private static IEnumerable<JsonNode> Behaviors(ResourceUnderTest distribution) =>
        new[] { distribution["DistributionConfig"]?["DefaultCacheBehavior"] }
            .Concat(distribution["DistributionConfig"]?["CacheBehaviors"] as JsonArray ?? [])
            .Where(b => b is not null)!;

    /// <summary>A method's resource path, walking its API Gateway resources up to the root.</summary>
    private static string MethodPath(ResourceUnderTest method)
    {
        var segments = new List<string>();
        var id = method["ResourceId"];
        while (id is JsonObject { } node && node["Ref"] is { } reference)
        {
            var resource = method.Siblings.FirstOrDefault(s => s.LogicalId == Text(reference));
            if (resource is null) break;
            segments.Insert(0, Text(resource["PathPart"]) ?? "?");
            id = resource["ParentId"];
        }
        return "/" + string.Join('/', segments);
    }

    /// <summary>The API Gateway authorizer a method refers to, if it is in the same stack.</summary>
    private static ResourceUnderTest? Authorizer(ResourceUnderTest method) =>
        method["AuthorizerId"] is JsonObject { } id && Text(id["Ref"]) is { } logicalId
            ? method.Siblings.FirstOrDefault(s => s.LogicalId == logicalId)
            : null;

    private static Route? MethodRoute(ResourceUnderTest method) =>
        RouteTable.All.FirstOrDefault(route => route.Path == MethodPath(method) && route.Method == Text(method["HttpMethod"]));
}
