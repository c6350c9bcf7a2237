using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using PetStoreInfra.Compliance;
using PetStore.Configuration;

namespace PetStoreInfra.Constructs;

public sealed record ApiDistributionProps(RestApi Api, string EdgeWebAclArn, ISecret OriginSecret, PerimeterConfig Perimeter, int LogRetentionDays);

/// <summary>
/// CloudFront in front of the API: HTTPS only (HTTP is redirected), TLSv1.2_2021 when a custom domain and certificate
/// are configured, no caching (every route but the welcome depends on the caller, and caching that one saves
/// nothing), every viewer header and query string but Host passed on (Authorization included, which CloudFront
/// allows with caching disabled), security headers on every response, access logs, the edge web ACL, and the origin
/// secret header.
/// </summary>
public sealed class ApiDistribution : Construct
{
    /// <summary>How long a deleted or overwritten access log stays recoverable.</summary>
    public const int NoncurrentLogVersionDays = 30;

    public Distribution Distribution { get; }
    public IBucket LogBucket { get; }

    public ApiDistribution(Construct scope, string id, ApiDistributionProps props) : base(scope, id)
    {
        var perimeter = props.Perimeter;
        var logBucket = LogBucket = AccessLogBucket(props.LogRetentionDays);
        var securityHeaders = SecurityHeaders();

        var customDomain = perimeter.DomainName is not null && perimeter.CertificateArn is not null;
        Distribution = new Distribution(this, "Distribution", new DistributionProps
        {
            Comment = "Pet Store API",
            DefaultBehavior = new BehaviorOptions
            {
                Origin = new RestApiOrigin(props.Api, new RestApiOriginProps
                {
                    CustomHeaders = new Dictionary<string, string> { [OriginLock.HeaderName] = props.OriginSecret.SecretValue.UnsafeUnwrap() },
                }),
                ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                AllowedMethods = AllowedMethods.ALLOW_ALL,
                CachePolicy = CachePolicy.CACHING_DISABLED,
                OriginRequestPolicy = OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
                ResponseHeadersPolicy = securityHeaders,
                Compress = true,
            },
            WebAclId = props.EdgeWebAclArn,
            EnableLogging = true,
            LogBucket = logBucket,
            LogFilePrefix = "cloudfront/",
            PriceClass = perimeter.PriceClass switch
            {
                "PriceClass_All" => PriceClass.PRICE_CLASS_ALL,
                "PriceClass_200" => PriceClass.PRICE_CLASS_200,
                _ => PriceClass.PRICE_CLASS_100,
            },
            HttpVersion = HttpVersion.HTTP2_AND_3,
            EnableIpv6 = true,
            GeoRestriction = perimeter.AllowedCountries.Count > 0 ? GeoRestriction.Allowlist([.. perimeter.AllowedCountries]) : null,
            DomainNames = customDomain ? [perimeter.DomainName!] : null,
            Certificate = customDomain ? Certificate.FromCertificateArn(this, "Certificate", perimeter.CertificateArn!) : null,
            MinimumProtocolVersion = customDomain ? SecurityPolicyProtocol.TLS_V1_2_2021 : null,
        });

        if (!customDomain)
            Suppressions.Add(Distribution, "AwsSolutions-CFR4",
                "No custom domain is configured, and CloudFront's default *.cloudfront.net certificate cannot enforce TLSv1.2_2021: set perimeter.domainName and perimeter.certificateArn.");
        if (perimeter.AllowedCountries.Count == 0)
            Suppressions.Add(Distribution, "AwsSolutions-CFR1", "The Pet Store serves every country; list perimeter.allowedCountries to restrict it.");
    }

    /// <summary>Private, encrypted, TLS-only, versioned; logs expire with the environment's retention.</summary>
    private Bucket AccessLogBucket(int logRetentionDays)
    {
        var logBucket = new Bucket(this, "AccessLogs", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED, // CloudFront standard logs cannot be written under SSE-KMS
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.OBJECT_WRITER, // CloudFront standard logging writes with ACLs
            // Audit logs: a deleted or overwritten log stays recoverable as a noncurrent version for a while.
            Versioned = true,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Expiration = Duration.Days(logRetentionDays),
                    NoncurrentVersionExpiration = Duration.Days(NoncurrentLogVersionDays),
                },
            ],
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Suppressions.Add(logBucket, "AwsSolutions-S1", "This bucket holds CloudFront's access logs; logging access to it into itself would recurse.");
        return logBucket;
    }

    /// <summary>HSTS, no sniffing, no framing, no referrer, and a content security policy that allows nothing (JSON only).</summary>
    private ResponseHeadersPolicy SecurityHeaders()
    {
        return new ResponseHeadersPolicy(this, "SecurityHeaders", new ResponseHeadersPolicyProps
        {
            Comment = "Pet Store API security headers",
            SecurityHeadersBehavior = new ResponseSecurityHeadersBehavior
            {
                StrictTransportSecurity = new ResponseHeadersStrictTransportSecurity
                {
                    AccessControlMaxAge = Duration.Days(730),
                    IncludeSubdomains = true,
                    Preload = true,
                    Override = true,
                },
                ContentTypeOptions = new ResponseHeadersContentTypeOptions { Override = true },
                FrameOptions = new ResponseHeadersFrameOptions { FrameOption = HeadersFrameOption.DENY, Override = true },
                ReferrerPolicy = new ResponseHeadersReferrerPolicy { ReferrerPolicy = HeadersReferrerPolicy.NO_REFERRER, Override = true },
                ContentSecurityPolicy = new ResponseHeadersContentSecurityPolicy
                {
                    ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'",
                    Override = true,
                },
            },
        });
    }
}
