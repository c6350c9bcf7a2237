namespace PetStore.Configuration;

/// <summary>CloudFront, WAF and the origin lock in front of the API.</summary>
public sealed record PerimeterConfig
{
    /// <summary>Requests per client IP per 5-minute window before the edge web ACL blocks it (WAF minimum 10).</summary>
    public required int RateLimitPer5Minutes { get; init; }

    /// <summary>Requests per person (per token) before the edge blocks them: before any bucket people share.</summary>
    public required PersonRateLimit PersonRateLimit { get; init; }

    /// <summary>Logins (<c>/login</c>, <c>/login/mfa</c>) per client IP per 5-minute window: what a new token, so a new person bucket, costs.</summary>
    public required int LoginRateLimitPer5Minutes { get; init; }

    /// <summary>
    /// Managed rules to run in Count mode instead of Block, by managed rule group:
    /// <c>{"AWSManagedRulesCommonRuleSet": ["NoUserAgent_HEADER"]}</c>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CountOnlyRules { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>ISO 3166 country codes allowed to call the API; empty allows every country.</summary>
    public IReadOnlyList<string> AllowedCountries { get; init; } = [];

    public string PriceClass { get; init; } = "PriceClass_100";

    /// <summary>An optional custom domain for the distribution, with its ACM certificate in us-east-1.</summary>
    public string? DomainName { get; init; }
    public string? CertificateArn { get; init; }

    public required OriginSecretConfig OriginSecret { get; init; }
}
