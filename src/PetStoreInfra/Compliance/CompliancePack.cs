using System.Text.Json.Nodes;
using PetStore.Contract;

namespace PetStoreInfra.Compliance;

/// <summary>
/// The project's compliance rules, modelled on cdk-nag's AwsSolutions pack (cdk-nag has no .NET package here).
/// Each rule inspects one CloudFormation type; a rule that needs another resource (a WAF association, a log
/// configuration, a bucket policy) looks it up among the app's resources.
/// </summary>
public static class CompliancePack
{
    private static readonly HashSet<string> SupportedRuntimes =
        ["dotnet10", "nodejs22.x", "nodejs24.x", "python3.12", "python3.13", "python3.14", "java21", "java25", "provided.al2023", "ruby3.4"];

    public static readonly IReadOnlyList<ComplianceRule> Rules =
    [
        // API Gateway
        new("APIG-AccessLogs", Severity.Error, "AWS::ApiGateway::Stage", "API stages write access logs", "AwsSolutions-APIG1",
            r => r["AccessLogSetting"]?["DestinationArn"] is not null && r["AccessLogSetting"]?["Format"] is not null ? null : "the stage has no access log destination and format"),
        new("APIG-Tracing", Severity.Error, "AWS::ApiGateway::Stage", "API stages trace requests with X-Ray", "AwsSolutions-APIG6 (tracing)",
            r => Bool(r["TracingEnabled"]) ? null : "X-Ray tracing is not enabled on the stage"),
        new("APIG-ExecutionLogging", Severity.Error, "AWS::ApiGateway::Stage", "API stages log execution errors, never bodies", "AwsSolutions-APIG6",
            r => StageDefaults(r) is not { } all ? "the stage has no default method settings"
                : Text(all["LoggingLevel"]) is not ("ERROR" or "INFO") ? "execution logging is off (LoggingLevel must be ERROR or INFO)"
                : Bool(all["DataTraceEnabled"]) ? "full request/response data logging is on; bodies carry passwords and tokens"
                : null),
        new("APIG-Throttling", Severity.Error, "AWS::ApiGateway::Stage", "API stages throttle requests", "API Gateway best practice",
            r => StageDefaults(r) is { } all && all["ThrottlingRateLimit"] is not null && all["ThrottlingBurstLimit"] is not null
                ? null : "the stage sets no default rate and burst limits"),
        new("APIG-WAF", Severity.Error, "AWS::ApiGateway::Stage", "API stages are protected by a WAF web ACL", "AwsSolutions-APIG3",
            r => r.App.OfType("AWS::WAFv2::WebACLAssociation").Any(a => AppResources.Mentions(a["ResourceArn"], r))
                ? null : "no WAF web ACL is associated with the stage"),
        new("APIG-Authorizer", Severity.Error, "AWS::ApiGateway::Method", "Every method has an authorizer unless the route table declares it public", "AwsSolutions-APIG4, COG4",
            r => Text(r["AuthorizationType"]) is not (null or "NONE") ? null
                : MethodRoute(r) is { Access: Access.Public } ? null
                : $"{Text(r["HttpMethod"])} {MethodPath(r)} has no authorizer and is not a public route"),
        new("APIG-RequestValidation", Severity.Error, "AWS::ApiGateway::Method", "Methods that take a body validate it against a model", "AwsSolutions-APIG2",
            r => Text(r["HttpMethod"]) is not ("POST" or "PUT" or "PATCH") || Text(r["Integration"]?["Type"]) == "MOCK" ? null
                : r["RequestValidatorId"] is not null && r["RequestModels"] is JsonObject { Count: > 0 } ? null
                : $"{Text(r["HttpMethod"])} {MethodPath(r)} takes a body but has no request validator and model"),
        new("APIG-Endpoint", Severity.Error, "AWS::ApiGateway::RestApi", "REST APIs are regional (or private), behind our own CloudFront and WAF", "perimeter design",
            r => r["EndpointConfiguration"]?["Types"] is JsonArray types && types.All(t => Text(t) is "REGIONAL" or "PRIVATE")
                ? null : "the API is edge-optimized (or unset): its AWS-managed CloudFront bypasses our distribution and edge WAF"),

        // Cognito
        new("COG-PasswordPolicy", Severity.Error, "AWS::Cognito::UserPool", "Passwords: at least 8 characters with upper, lower, digit and symbol", "AwsSolutions-COG1",
            r => r["Policies"]?["PasswordPolicy"] is { } p && (Number(p["MinimumLength"]) ?? 0) >= 8 && Bool(p["RequireUppercase"]) && Bool(p["RequireLowercase"])
                && Bool(p["RequireNumbers"]) && Bool(p["RequireSymbols"]) ? null : "the password policy is weaker than 8 characters with upper, lower, digit and symbol"),
        new("COG-MFA", Severity.Error, "AWS::Cognito::UserPool", "User pools offer MFA", "AwsSolutions-COG2",
            r => Text(r["MfaConfiguration"]) is "ON" or "OPTIONAL" ? null : "MFA is off"),
        new("COG-ThreatProtection", Severity.Error, "AWS::Cognito::UserPool", "User pools enforce threat protection (advanced security)", "AwsSolutions-COG3",
            r => Text(r["UserPoolAddOns"]?["AdvancedSecurityMode"]) == "ENFORCED" ? null : "threat protection is not enforced"),
        new("COG-UserExistenceErrors", Severity.Error, "AWS::Cognito::UserPoolClient", "App clients do not reveal whether a user exists", "Cognito best practice",
            r => Text(r["PreventUserExistenceErrors"]) == "ENABLED" ? null : "PreventUserExistenceErrors is not ENABLED"),
        new("COG-NoImplicitGrant", Severity.Error, "AWS::Cognito::UserPoolClient", "App clients do not use the OAuth implicit grant", "OAuth 2.0 security BCP",
            r => r["AllowedOAuthFlows"] is JsonArray flows && flows.Any(f => Text(f) == "implicit") ? "the implicit grant is allowed" : null),
        new("COG-TokenRevocation", Severity.Error, "AWS::Cognito::UserPoolClient", "App clients can revoke refresh tokens", "Cognito best practice",
            r => r["EnableTokenRevocation"] is null || Bool(r["EnableTokenRevocation"]) ? null : "token revocation is disabled"),

        // DynamoDB
        new("DDB-PITR", Severity.Error, "AWS::DynamoDB::Table", "Tables have point-in-time recovery", "AwsSolutions-DDB3",
            r => Bool(r["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]) ? null : "point-in-time recovery is off"),
        new("DDB-Encryption", Severity.Error, "AWS::DynamoDB::Table", "Tables are encrypted with a KMS key (AWS managed or customer managed)", "DynamoDB best practice",
            r => Bool(r["SSESpecification"]?["SSEEnabled"]) ? null : "the table uses the AWS owned key, not a KMS key"),

        // Lambda and logs
        new("LMB-Runtime", Severity.Error, "AWS::Lambda::Function", "Functions run on a supported runtime", "AwsSolutions-L1",
            r => Text(r["Runtime"]) is { } runtime && !SupportedRuntimes.Contains(runtime) ? $"runtime {runtime} is deprecated or unknown" : null),
        new("LMB-Tracing", Severity.Error, "AWS::Lambda::Function", "Functions trace with X-Ray", "Serverless best practice",
            r => Text(r["TracingConfig"]?["Mode"]) == "Active" ? null : "active tracing is off"),
        new("LMB-ReservedConcurrency", Severity.Error, "AWS::Lambda::Function", "Functions reserve concurrency, so one cannot starve the others", "Serverless best practice",
            r => r["ReservedConcurrentExecutions"] is not null ? null : "no reserved concurrency"),
        new("LMB-LogGroup", Severity.Error, "AWS::Lambda::Function", "Functions log to a log group the app owns (with retention)", "Serverless best practice",
            r => r["LoggingConfig"]?["LogGroup"] is not null ? null : "the function logs to an implicit log group that keeps logs forever"),
        new("LOG-Retention", Severity.Error, "AWS::Logs::LogGroup", "Log groups expire their logs", "CloudWatch best practice",
            r => r["RetentionInDays"] is not null ? null : "the log group keeps logs forever"),

        // IAM
        new("IAM-NoManagedPolicies", Severity.Error, "AWS::IAM::Role", "Roles do not use AWS managed policies", "AwsSolutions-IAM4",
            r => r["ManagedPolicyArns"] is JsonArray arns && arns.Any(a => a!.ToJsonString().Contains(":iam::aws:policy/"))
                ? $"the role uses AWS managed policies: {string.Join(", ", arns.Select(a => a!.ToJsonString()))}" : null),
        new("IAM-NoWildcardActions", Severity.Error, "AWS::IAM::Policy", "Policies do not allow wildcard actions", "AwsSolutions-IAM5",
            r => AllowStatements(r).SelectMany(s => Values(s["Action"])).FirstOrDefault(a => a == "*" || a.EndsWith(":*")) is { } action
                ? $"the policy allows {action}" : null),
        new("IAM-NoWildcardResources", Severity.Error, "AWS::IAM::Policy", "Policies do not allow actions on wildcard resources", "AwsSolutions-IAM5",
            r => WildcardResourceStatements(r).ToList() is { Count: > 0 } statements
                ? "the policy allows " + string.Join("; ", statements.Select(s =>
                    $"{string.Join(", ", Values(s["Action"]))} on {string.Join(", ", Values(s["Resource"]).Where(v => v.Contains('*')))}"))
                : null)
        {
            Items = r => [.. WildcardResourceStatements(r).SelectMany(s => Values(s["Action"])).Distinct()],
        },

        // CloudFront
        new("CFR-WAF", Severity.Error, "AWS::CloudFront::Distribution", "Distributions are protected by a WAF web ACL", "AwsSolutions-CFR2",
            r => r["DistributionConfig"]?["WebACLId"] is not null ? null : "no WAF web ACL is attached"),
        new("CFR-Logging", Severity.Error, "AWS::CloudFront::Distribution", "Distributions write access logs", "AwsSolutions-CFR3",
            r => r["DistributionConfig"]?["Logging"]?["Bucket"] is not null ? null : "access logging is off"),
        new("CFR-TLS", Severity.Error, "AWS::CloudFront::Distribution", "Viewers must use TLSv1.2_2021 or newer", "AwsSolutions-CFR4",
            r => r["DistributionConfig"]?["ViewerCertificate"] is not { } certificate || Bool(certificate["CloudFrontDefaultCertificate"])
                ? "the default CloudFront certificate allows TLSv1; use a custom domain and certificate"
                : Text(certificate["MinimumProtocolVersion"]) is "TLSv1.2_2021" or "TLSv1.2_2025" or "TLSv1.3_2025" ? null
                : $"the minimum viewer protocol is {Text(certificate["MinimumProtocolVersion"])}"),
        new("CFR-OriginTLS", Severity.Error, "AWS::CloudFront::Distribution", "Custom origins are reached over HTTPS with TLSv1.2 only", "AwsSolutions-CFR5",
            r => (r["DistributionConfig"]?["Origins"] as JsonArray ?? []).Select(o => o!["CustomOriginConfig"]).Where(c => c is not null)
                .Any(c => Text(c!["OriginProtocolPolicy"]) != "https-only" || Values(c["OriginSSLProtocols"]).Any(p => p != "TLSv1.2"))
                ? "a custom origin allows HTTP or TLS older than 1.2" : null),
        new("CFR-HTTPS", Severity.Error, "AWS::CloudFront::Distribution", "Viewers are redirected to HTTPS", "CloudFront best practice",
            r => Behaviors(r).Any(b => Text(b["ViewerProtocolPolicy"]) is not ("redirect-to-https" or "https-only")) ? "a cache behavior allows plain HTTP" : null),
        new("CFR-SecurityHeaders", Severity.Error, "AWS::CloudFront::Distribution", "Responses carry security headers (a response headers policy)", "CloudFront best practice",
            r => Behaviors(r).Any(b => b["ResponseHeadersPolicyId"] is null) ? "a cache behavior has no response headers policy" : null),
        new("CFR-GeoRestriction", Severity.Warning, "AWS::CloudFront::Distribution", "Distributions restrict countries where the business allows it", "AwsSolutions-CFR1",
            r => Text(r["DistributionConfig"]?["Restrictions"]?["GeoRestriction"]?["RestrictionType"]) is "whitelist" or "blacklist" ? null : "no geo restriction"),

        // WAF
        new("WAF-Logging", Severity.Error, "AWS::WAFv2::WebACL", "Web ACLs log their decisions", "AWS WAF best practice",
            r => r.App.OfType("AWS::WAFv2::LoggingConfiguration").Any(l => AppResources.Mentions(l["ResourceArn"], r)) ? null : "the web ACL has no logging configuration"),
        new("WAF-Metrics", Severity.Error, "AWS::WAFv2::WebACL", "Web ACLs and every rule publish CloudWatch metrics", "AWS WAF best practice",
            r => !Bool(r["VisibilityConfig"]?["CloudWatchMetricsEnabled"]) ? "the web ACL publishes no metrics"
                : (r["Rules"] as JsonArray ?? []).FirstOrDefault(rule => !Bool(rule!["VisibilityConfig"]?["CloudWatchMetricsEnabled"])) is { } quiet
                    ? $"rule {Text(quiet["Name"])} publishes no metrics" : null),

        // S3
        new("S3-BlockPublicAccess", Severity.Error, "AWS::S3::Bucket", "Buckets block every kind of public access", "AwsSolutions-S2",
            r => r["PublicAccessBlockConfiguration"] is { } block && new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" }.All(k => Bool(block[k]))
                ? null : "public access is not fully blocked"),
        new("S3-Encryption", Severity.Error, "AWS::S3::Bucket", "Buckets encrypt objects at rest", "S3 best practice",
            r => r["BucketEncryption"] is not null ? null : "no default encryption"),
        new("S3-SSL", Severity.Error, "AWS::S3::Bucket", "Buckets refuse requests without TLS", "AwsSolutions-S10",
            r => r.App.OfType("AWS::S3::BucketPolicy").Any(p => AppResources.Mentions(p["Bucket"], r) && DeniesInsecureTransport(p)) ? null : "no bucket policy denies aws:SecureTransport=false"),
        new("S3-AccessLogs", Severity.Error, "AWS::S3::Bucket", "Buckets log access", "AwsSolutions-S1",
            r => r["LoggingConfiguration"] is not null ? null : "server access logging is off"),

        // SNS, KMS, Secrets Manager
        new("SNS-Encryption", Severity.Error, "AWS::SNS::Topic", "Topics are encrypted with a KMS key", "AwsSolutions-SNS2",
            r => r["KmsMasterKeyId"] is not null ? null : "the topic is not encrypted"),
        new("SNS-SSL", Severity.Error, "AWS::SNS::Topic", "Topics refuse publishing without TLS", "AwsSolutions-SNS3",
            r => r.App.OfType("AWS::SNS::TopicPolicy").Any(p => AppResources.Mentions(p["Topics"], r) && DeniesInsecureTransport(p)) ? null : "no topic policy denies aws:SecureTransport=false"),
        new("KMS-Rotation", Severity.Error, "AWS::KMS::Key", "KMS keys rotate", "AwsSolutions-KMS5",
            r => Bool(r["EnableKeyRotation"]) ? null : "key rotation is off"),
        new("SM-Rotation", Severity.Error, "AWS::SecretsManager::Secret", "Secrets rotate", "AwsSolutions-SMG4",
            r => r.App.OfType("AWS::SecretsManager::RotationSchedule").Any(s => AppResources.Mentions(s["SecretId"], r)) ? null : "the secret has no rotation schedule"),
    ];

    private static bool Bool(JsonNode? node) => node is JsonValue value && (value.TryGetValue<bool>(out var b) ? b : value.TryGetValue<string>(out var s) && s == "true");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    // Whatever CLR type backs the value (double, decimal, JsonElement), a JSON number reads as one.
    private static double? Number(JsonNode? node) => node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
        : null;

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

    private static bool DeniesInsecureTransport(ResourceUnderTest policy) =>
        (policy["PolicyDocument"]?["Statement"] as JsonArray ?? []).Any(s =>
            Text(s!["Effect"]) == "Deny" && s["Condition"]?["Bool"]?["aws:SecureTransport"] is { } secure && (Text(secure) == "false" || secure.ToJsonString() == "false"));

    private static JsonNode? StageDefaults(ResourceUnderTest stage) =>
        (stage["MethodSettings"] as JsonArray ?? []).FirstOrDefault(m => Text(m!["HttpMethod"]) == "*" && Text(m["ResourcePath"]) == "/*");

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

    private static Route? MethodRoute(ResourceUnderTest method) =>
        RouteTable.All.FirstOrDefault(route => route.Path == MethodPath(method) && route.Method == Text(method["HttpMethod"]));
}
