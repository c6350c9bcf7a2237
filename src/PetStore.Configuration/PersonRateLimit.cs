namespace PetStore.Configuration;

/// <summary>
/// The edge's limit per person: requests per token (the <c>Authorization</c> header, WAF's aggregation key) in the
/// last <see cref="WindowSeconds"/>. A new token costs a login, which the edge limits per IP.
/// </summary>
public sealed record PersonRateLimit
{
    /// <summary>Requests per token per window before the edge answers 429 (WAF minimum 10).</summary>
    public required int Limit { get; init; }

    /// <summary>How far back WAF counts: 60, 120, 300 or 600 seconds.</summary>
    public required int WindowSeconds { get; init; }

    public static readonly IReadOnlyList<int> Windows = [60, 120, 300, 600];
}
