using PetStore.Contract;
using PetStoreInfra.Compliance;

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

    private const string PetsResource = """
        "Pets": {"Type": "AWS::ApiGateway::Resource", "Properties": {"RestApiId": "a", "PathPart": "pets", "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}}}
        """;

    private const string PolicyAuthorizer = """
        "Policy": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {"RestApiId": "a", "Name": "p", "Type": "REQUEST"}}
        """;

    public static readonly IReadOnlyDictionary<string, Case> All = new Dictionary<string, Case>
    {
        [CompliancePack.RouteAuthorization] = new(
            """
            { %PETS%,
             "ListPets": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "GET", "ResourceId": {"Ref": "Pets"}, "AuthorizationType": "NONE"}}}
            """.Replace("%PETS%", PetsResource),
            """
            {"Welcome": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "GET", "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "AuthorizationType": "NONE"}},
             %PETS%, %AUTHORIZER%,
             "ListPets": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "GET", "ResourceId": {"Ref": "Pets"}, "AuthorizationType": "CUSTOM", "AuthorizerId": {"Ref": "Policy"}, "ApiKeyRequired": true}},
             "CreatePet": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "POST", "ResourceId": {"Ref": "Pets"}, "AuthorizationType": "CUSTOM", "AuthorizerId": {"Ref": "Policy"}, "ApiKeyRequired": true}}}
            """.Replace("%PETS%", PetsResource).Replace("%AUTHORIZER%", PolicyAuthorizer)),
        ["PetStore-RouteBodyModel"] = new(
            """{"Create": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "POST", "ResourceId": "r", "AuthorizationType": "CUSTOM", "Integration": {"Type": "AWS_PROXY"}}}}""",
            """{"Create": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": "a", "HttpMethod": "POST", "ResourceId": "r", "AuthorizationType": "CUSTOM", "Integration": {"Type": "AWS_PROXY"}, "RequestValidatorId": "v", "RequestModels": {"application/json": "m"}}}}"""),
        ["PetStore-APIG-NoDataTrace"] = new(
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "ERROR", "DataTraceEnabled": true}]}}}""",
            """{"Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "ERROR", "DataTraceEnabled": false}]}}}"""),
        ["PetStore-APIG-Regional"] = new(
            """{"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "a", "EndpointConfiguration": {"Types": ["EDGE"]}}}}""",
            """{"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "a", "EndpointConfiguration": {"Types": ["REGIONAL"]}}}}"""),

        ["PetStore-COG-ThreatProtection"] = new(
            """{"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT"}}}}""",
            """{"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}}}}"""),
        ["PetStore-COG-UserExistenceErrors"] = new(
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "PreventUserExistenceErrors": "LEGACY"}}}""",
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "PreventUserExistenceErrors": "ENABLED"}}}"""),
        ["PetStore-COG-NoImplicitGrant"] = new(
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "AllowedOAuthFlows": ["implicit", "code"]}}}""",
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "AllowedOAuthFlows": ["code"]}}}"""),
        ["PetStore-COG-TokenRevocation"] = new(
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "EnableTokenRevocation": false}}}""",
            """{"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "EnableTokenRevocation": true}}}"""),

        ["PetStore-DDB-KmsEncryption"] = new(
            """{"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [], "SSESpecification": {"SSEEnabled": false}}}}""",
            """{"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [], "SSESpecification": {"SSEEnabled": true}}}}"""),

        ["PetStore-LMB-ReservedConcurrency"] = new(
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}}}}""",
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}, "ReservedConcurrentExecutions": 5}}}"""),
        ["PetStore-LMB-OwnLogGroup"] = new(
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}}}}""",
            """{"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {}, "LoggingConfig": {"LogGroup": "fn-logs"}}}}"""),

        [CompliancePack.WildcardResourceActions] = new(
            """{"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "B"}, "/*"]]}}]}}}}""",
            """{"Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": {"Fn::GetAtt": ["Logs", "Arn"]}}]}}}}"""),

        ["PetStore-CFR-HttpsOnly"] = new(Distribution.Replace("redirect-to-https", "allow-all"), Distribution),
        ["PetStore-CFR-SecurityHeaders"] = new(Distribution.Replace(", \"ResponseHeadersPolicyId\": \"p\"", ""), Distribution),

        ["PetStore-WAF-Logging"] = new(
            """{"Acl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL"}}}""",
            """
            {"Acl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL"}},
             "AclLogs": {"Type": "AWS::WAFv2::LoggingConfiguration", "Properties": {"ResourceArn": {"Fn::GetAtt": ["Acl", "Arn"]}, "LogDestinationConfigs": ["arn:aws:logs:eu-west-1:1:log-group:aws-waf-logs-x"]}}}
            """),
        ["PetStore-WAF-Metrics"] = new(
            """{"Acl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL", "VisibilityConfig": {"CloudWatchMetricsEnabled": true}, "Rules": [{"Name": "quiet", "VisibilityConfig": {"CloudWatchMetricsEnabled": false}}]}}}""",
            """{"Acl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL", "VisibilityConfig": {"CloudWatchMetricsEnabled": true}, "Rules": [{"Name": "loud", "VisibilityConfig": {"CloudWatchMetricsEnabled": true}}]}}}"""),

        ["PetStore-S3-Encryption"] = new(
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}, "LifecycleConfiguration": {"Rules": [{"Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]}}}}""",
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}}}"""),
        ["PetStore-S3-Versioning"] = new(
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}, "LifecycleConfiguration": {"Rules": [{"Status": "Enabled", "ExpirationInDays": 14}]}}}}""",
            """{"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}, "LifecycleConfiguration": {"Rules": [{"Status": "Enabled", "ExpirationInDays": 14, "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]}}}}"""),

        ["PetStore-SNS-Encryption"] = new(
            """{"Topic": {"Type": "AWS::SNS::Topic", "Properties": {}}}""",
            """{"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": "alias/ours"}}}"""),
    };
}
