using System.Collections.Concurrent;
using PetStore.Contract;

namespace PetStore.Local;

/// <summary>
/// API Gateway's usage plans applied per API key: a token bucket per key (refilled at the plan's rate per second, holding
/// at most its burst) and a count per key per UTC day against the plan's quota. A request without a key, or with one
/// that is unknown, disabled or in no plan, is 403 Forbidden; over the rate or burst 429 Too Many Requests; over the
/// quota 429 Limit Exceeded (the deployed gateway responses' JSON for THROTTLED, QUOTA_EXCEEDED and API-key errors).
/// </summary>
public sealed class UsagePlanMeter(ApiKeysStandIn keys, TimeProvider clock)
{
    private sealed class Bucket
    {
        public double Tokens = double.NaN;
        public DateTimeOffset Refilled;
        public DateOnly Day;
        public long UsedToday;
    }

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();

    /// <summary>Null when the request may go on, else the refusal.</summary>
    public MeterRefusal? Admit(string? keyValue)
    {
        if (keyValue is null || keys.Metering(keyValue) is not { } metering) return new(403, GatewayMessages.Forbidden);
        var limits = metering.Plan.Limits;
        var bucket = _buckets.GetOrAdd(metering.Key.Id, _ => new Bucket());
        var now = clock.GetUtcNow();
        lock (bucket)
        {
            if (double.IsNaN(bucket.Tokens)) (bucket.Tokens, bucket.Refilled) = (limits.BurstLimit, now);
            bucket.Tokens = Math.Min(limits.BurstLimit, bucket.Tokens + (now - bucket.Refilled).TotalSeconds * limits.RateLimit);
            bucket.Refilled = now;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (bucket.Day != today) (bucket.Day, bucket.UsedToday) = (today, 0);

            if (bucket.UsedToday >= limits.QuotaPerDay) return new(429, GatewayMessages.QuotaExceeded);
            if (bucket.Tokens < 1) return new(429, GatewayMessages.TooManyRequests);
            bucket.Tokens -= 1;
            bucket.UsedToday++;
            return null;
        }
    }
}
