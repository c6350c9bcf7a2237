namespace PetStore.Benchmarks.Cost;

/// <summary>One price, with where it was read and when.</summary>
public sealed record Price(double Usd, string Unit, string Source, string Found, string? Note = null);

/// <summary>Every price the cost model uses (benchmarks/cost/pricing.json): a missing or unknown one is an error.</summary>
public sealed record Prices
{
    public required Price ApiGatewayRestPerMillionRequests { get; init; }
    public required Price LambdaPerMillionRequests { get; init; }
    public required Price LambdaArm64PerGbSecond { get; init; }
    public required Price LambdaX86PerGbSecond { get; init; }
    public required Price VerifiedPermissionsPerSingleAuthorization { get; init; }
    public required Price VerifiedPermissionsPerBatchAuthorization { get; init; }
    public required Price DynamoDbOnDemandPerMillionReadUnits { get; init; }
    public required Price DynamoDbOnDemandPerMillionWriteUnits { get; init; }
    public required Price CognitoEssentialsPerMau { get; init; }
    public required Price CognitoPlusPerMau { get; init; }
    public required Price WafPerWebAclMonth { get; init; }
    public required Price WafPerRuleMonth { get; init; }
    public required Price WafPerMillionRequests { get; init; }
    public required Price CloudFrontPerGbOut { get; init; }
    public required Price CloudFrontPer10kHttpsRequests { get; init; }
    public required Price CloudTrailPer100kDataEvents { get; init; }

    /// <summary>The date the oldest price was found: the table is as current as that.</summary>
    public string OldestFound => All.Min(p => p.Found)!;

    public IEnumerable<Price> All =>
    [
        ApiGatewayRestPerMillionRequests, LambdaPerMillionRequests, LambdaArm64PerGbSecond, LambdaX86PerGbSecond,
        VerifiedPermissionsPerSingleAuthorization, VerifiedPermissionsPerBatchAuthorization, DynamoDbOnDemandPerMillionReadUnits, DynamoDbOnDemandPerMillionWriteUnits,
        CognitoEssentialsPerMau, CognitoPlusPerMau, WafPerWebAclMonth, WafPerRuleMonth, WafPerMillionRequests,
        CloudFrontPerGbOut, CloudFrontPer10kHttpsRequests, CloudTrailPer100kDataEvents,
    ];
}

public sealed record PriceList(string Description, string Currency, Prices Prices);
