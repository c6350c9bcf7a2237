namespace PetStoreInfra.Tests.Compliance;

/// <summary>
/// For every rule of the pack, CloudFormation resources that break it and resources that meet it, as JSON
/// (<c>{"LogicalId": {"Type": ..., "Properties": ...}}</c>), so each case reads like the template it stands for.
/// </summary>
public static class RuleCases
{
    public sealed record Case(string Violating, string Compliant);

    private const string Distribution = """
        {"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
          "Enabled": true, "WebACLId": "arn:aws:wafv2:us-east-1:1:global/webacl/a/b",
          "Logging": {"Bucket": "logs.s3.amazonaws.com"},
          "ViewerCertificate": {"AcmCertificateArn": "arn:aws:acm:us-east-1:1:certificate/c", "MinimumProtocolVersion": "TLSv1.2_2021", "SslSupportMethod": "sni-only"},
          "Restrictions": {"GeoRestriction": {"RestrictionType": "whitelist", "Locations": ["DE"]}},
          "Origins": [{"Id": "api", "DomainName": "x.execute-api.eu-west-1.amazonaws.com", "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]}}],
          "DefaultCacheBehavior": {"TargetOriginId": "api", "ViewerProtocolPolicy": "redirect-to-https", "ResponseHeadersPolicyId": "p"}
        }}}}
        """;

    public static readonly IReadOnlyDictionary<string, Case> All = new Dictionary<string, Case>
    {
        ["APIG-AccessLogs"] = new(
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a"}}}""",
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "AccessLogSetting": {"DestinationArn": "arn:aws:logs:eu-west-1:1:log-group:x", "Format": "{}"}}}}"""),
        ["APIG-Tracing"] = new(
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "TracingEnabled": false}}}""",
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "TracingEnabled": true}}}"""),
        ["APIG-ExecutionLogging"] = new(
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "ERROR", "DataTraceEnabled": true}]}}}""",
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "ERROR", "DataTraceEnabled": false}]}}}"""),
        ["APIG-Throttling"] = new(
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*"}]}}}""",
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "ThrottlingRateLimit": 10, "ThrottlingBurstLimit": 20}]}}}"""),
        ["APIG-WAF"] = new(
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a"}}}""",
            """
            {"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a"}},
             "Guard": {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {"WebACLArn": "arn:acl", "ResourceArn": {"Fn::Join": ["", ["arn:aws:apigateway:eu-west-1::/restapis/a/stages/", {"Ref": "Stage"}]]}}}}
            """),
        ["APIG-Authorizer"] = new(
            """
            {"Pets": {"Type": "AWS::ApiGateway::Resource", "Properties": {"RestApiId": "a", "PathPart": "pets", "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}}},
             "ListPets": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "GET", "ResourceId": {"Ref": "Pets"}, "AuthorizationType": "NONE"}}}
            """,
            """
            {"Welcome": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "GET", "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "AuthorizationType": "NONE"}},
             "Pets": {"Type": "AWS::ApiGateway::Resource", "Properties": {"RestApiId": "a", "PathPart": "pets", "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}}},
             "ListPets": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "GET", "ResourceId": {"Ref": "Pets"}, "AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": "x"}}}
            """),
        ["APIG-RequestValidation"] = new(
            """{"Create": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "POST", "ResourceId": "r", "AuthorizationType": "CUSTOM", "Integration": {"Type": "AWS_PROXY"}}}}""",
            """{"Create": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "POST", "ResourceId": "r", "AuthorizationType": "CUSTOM", "Integration": {"Type": "AWS_PROXY"}, "RequestValidatorId": "v", "RequestModels": {"application/json": "m"}}}}"""),
        ["APIG-Endpoint"] = new(
            """{"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "a", "EndpointConfiguration": {"Types": ["EDGE"]}}}}""",
            """{"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "a", "EndpointConfiguration": {"Types": ["REGIONAL"]}}}}"""),

        ["COG-PasswordPolicy"] = new(
            """{"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"Policies": {"PasswordPolicy": {"MinimumLength": 6, "RequireUppercase": true, "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": true}}}}}""",
            """{"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": true, "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": true}}}}}"""),
        ["COG-MFA"] = new(
            """{"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"MfaConfiguration": "OFF"}}}""",
            """{"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"MfaConfiguration": "OPTIONAL"}}}"""),
        ["COG-ThreatProtection"] = new(
            """{"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT"}}}}""",
            """{"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}}}}"""),
        ["COG-UserExistenceErrors"] = new(
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "PreventUserExistenceErrors": "LEGACY"}}}""",
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "PreventUserExistenceErrors": "ENABLED"}}}"""),
        ["COG-NoImplicitGrant"] = new(
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "AllowedOAuthFlows": ["implicit", "code"]}}}""",
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "AllowedOAuthFlows": ["code"]}}}"""),
        ["COG-TokenRevocation"] = new(
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "EnableTokenRevocation": false}}}""",
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "EnableTokenRevocation": true}}}"""),

        ["DDB-PITR"] = new(
            """{"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": []}}}""",
            """{"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [], "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}}}"""),
        ["DDB-Encryption"] = new(
            """{"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [], "SSESpecification": {"SSEEnabled": false}}}}""",
            """{"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [], "SSESpecification": {"SSEEnabled": true}}}}"""),

        ["LMB-Runtime"] = new(
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}, "Runtime": "dotnet8"}}}""",
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}, "Runtime": "dotnet10"}}}"""),
        ["LMB-Tracing"] = new(
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}, "TracingConfig": {"Mode": "PassThrough"}}}}""",
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}, "TracingConfig": {"Mode": "Active"}}}}"""),
        ["LMB-ReservedConcurrency"] = new(
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}}}}""",
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}, "ReservedConcurrentExecutions": 5}}}"""),
        ["LMB-LogGroup"] = new(
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}}}}""",
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}, "LoggingConfig": {"LogGroup": "fn-logs"}}}}"""),
        ["LOG-Retention"] = new(
            """{"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {}}}""",
            """{"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}}}"""),

        ["IAM-NoManagedPolicies"] = new(
            """{"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}, "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}}}""",
            """{"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}, "ManagedPolicyArns": ["arn:aws:iam::123456789012:policy/ours"]}}}"""),
        ["IAM-NoWildcardActions"] = new(
            """{"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/k"}]}}}}""",
            """{"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/k"}, {"Effect": "Deny", "Action": "*", "Resource": "*"}]}}}}"""),
        ["IAM-NoWildcardResources"] = new(
            """{"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "B"}, "/*"]]}}]}}}}""",
            """{"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": {"Fn::GetAtt": ["Logs", "Arn"]}}]}}}}"""),

        ["CFR-WAF"] = new(Distribution.Replace("\"WebACLId\": \"arn:aws:wafv2:us-east-1:1:global/webacl/a/b\",", ""), Distribution),
        ["CFR-Logging"] = new(Distribution.Replace("\"Logging\": {\"Bucket\": \"logs.s3.amazonaws.com\"},", ""), Distribution),
        ["CFR-TLS"] = new(Distribution.Replace("\"TLSv1.2_2021\"", "\"TLSv1.1_2016\""), Distribution),
        ["CFR-OriginTLS"] = new(Distribution.Replace("[\"TLSv1.2\"]", "[\"TLSv1.1\", \"TLSv1.2\"]"), Distribution),
        ["CFR-HTTPS"] = new(Distribution.Replace("redirect-to-https", "allow-all"), Distribution),
        ["CFR-SecurityHeaders"] = new(Distribution.Replace(", \"ResponseHeadersPolicyId\": \"p\"", ""), Distribution),
        ["CFR-GeoRestriction"] = new(Distribution.Replace("\"whitelist\", \"Locations\": [\"DE\"]", "\"none\""), Distribution),

        ["WAF-Logging"] = new(
            """{"Acl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL"}}}""",
            """
            {"Acl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL"}},
             "AclLogs": {"Type": "AWS::WAFv2::LoggingConfiguration", "Properties": {"ResourceArn": {"Fn::GetAtt": ["Acl", "Arn"]}, "LogDestinationConfigs": ["arn:aws:logs:eu-west-1:1:log-group:aws-waf-logs-x"]}}}
            """),
        ["WAF-Metrics"] = new(
            """{"Acl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL", "VisibilityConfig": {"CloudWatchMetricsEnabled": true}, "Rules": [{"Name": "quiet", "VisibilityConfig": {"CloudWatchMetricsEnabled": false}}]}}}""",
            """{"Acl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL", "VisibilityConfig": {"CloudWatchMetricsEnabled": true}, "Rules": [{"Name": "loud", "VisibilityConfig": {"CloudWatchMetricsEnabled": true}}]}}}"""),

        ["S3-BlockPublicAccess"] = new(
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": false, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}}}""",
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}}}"""),
        ["S3-Encryption"] = new(
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}""",
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}}}"""),
        ["S3-SSL"] = new(
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}""",
            """
            {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
             "BucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"}, "PolicyDocument": {"Statement": [
               {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}}}
            """),
        ["S3-AccessLogs"] = new(
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}""",
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"LoggingConfiguration": {"DestinationBucketName": "logs"}}}}"""),

        ["SNS-Encryption"] = new(
            """{"Topic": {"Type": "AWS::SNS::Topic", "Properties": {}}}""",
            """{"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": "alias/ours"}}}"""),
        ["SNS-SSL"] = new(
            """{"Topic": {"Type": "AWS::SNS::Topic", "Properties": {}}}""",
            """
            {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {}},
             "TopicPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "Topic"}], "PolicyDocument": {"Statement": [
               {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sns:Publish", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}}}
            """),
        ["KMS-Rotation"] = new(
            """{"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {}}}}""",
            """{"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {}, "EnableKeyRotation": true}}}"""),
        ["SM-Rotation"] = new(
            """{"Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {}}}""",
            """
            {"Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {}},
             "Rotation": {"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": {"Ref": "Secret"}, "RotationRules": {"ScheduleExpression": "rate(30 days)"}}}}
            """),
    };
}
