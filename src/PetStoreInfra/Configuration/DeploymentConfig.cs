using System.Text.Json.Serialization;

namespace PetStoreInfra.Configuration;

/// <summary>
/// Everything that differs between environments, read once from <c>cdk.json</c> context
/// (<c>environments.&lt;name&gt;</c>) and passed down to the stacks. Nothing else reads context.
/// </summary>
public sealed record DeploymentConfig
{
    /// <summary>The environment's key in <c>environments</c> (<c>dev</c>, <c>prod</c>); it prefixes stack names.</summary>
    [JsonIgnore] public string Name { get; init; } = "";

    /// <summary>
    /// The region of every stack but the edge stack (always us-east-1, where CloudFront's web ACL must live). Cross-region
    /// references need it known at synth, so it is configuration rather than the CLI's default region.
    /// </summary>
    public required string Region { get; init; }

    public required string StageName { get; init; }

    /// <summary>Days to keep Lambda, API and WAF logs; one of CloudWatch Logs' retention values.</summary>
    public required int LogRetentionDays { get; init; }

    /// <summary>Keep tables and user pools when stacks are deleted, with deletion and termination protection.</summary>
    public required bool RetainData { get; init; }

    public required ThrottlingConfig Throttling { get; init; }

    public required SignUpConfirmationMode SignUpConfirmation { get; init; }

    /// <summary>Cognito threat protection. Anything but <c>off</c> needs the Plus feature plan.</summary>
    public required ThreatProtectionMode ThreatProtection { get; init; }

    public int AccessTokenValidityMinutes { get; init; } = 60;
    public int RefreshTokenValidityDays { get; init; } = 30;

    /// <summary>The user pools whose tokens the API accepts; exactly one has <c>selfSignUp</c> and backs POST /users and /login.</summary>
    public required IReadOnlyList<UserPoolConfig> UserPools { get; init; }

    public required LambdaConfig Lambda { get; init; }

    public AuthorizationConfig Authorization { get; init; } = new();

    public required PerimeterConfig Perimeter { get; init; }

    public required UsagePlansConfig UsagePlans { get; init; }

    public required AlarmsConfig Alarms { get; init; }

    /// <summary>The pool that POST /users registers into and POST /login signs in to.</summary>
    [JsonIgnore] public UserPoolConfig SignUpPool => UserPools.Single(p => p.SelfSignUp);
}

public sealed record ThrottlingConfig
{
    /// <summary>Steady-state requests per second for the stage.</summary>
    public required double RateLimit { get; init; }

    public required int BurstLimit { get; init; }

    /// <summary>Stricter limits for single routes, keyed as the route table names them: <c>"POST /pets"</c>.</summary>
    public IReadOnlyDictionary<string, MethodThrottle> Methods { get; init; } = new Dictionary<string, MethodThrottle>();
}

public sealed record MethodThrottle
{
    public required double RateLimit { get; init; }
    public required int BurstLimit { get; init; }
}

/// <summary>CloudFront, WAF and the origin lock in front of the API.</summary>
public sealed record PerimeterConfig
{
    /// <summary>Requests per client IP per 5-minute window before the edge web ACL blocks it (WAF minimum 10).</summary>
    public required int RateLimitPer5Minutes { get; init; }

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

/// <summary>
/// The secret header CloudFront adds and the regional web ACL requires. Two slots, so that a new value can be put in
/// place before CloudFront switches to it: bump the inactive slot's generation, deploy, switch <see cref="Active"/>,
/// deploy.
/// </summary>
public sealed record OriginSecretConfig
{
    public required string Active { get; init; }
    public required int GenerationA { get; init; }
    public required int GenerationB { get; init; }
}

/// <summary>API keys and usage plans for tenants (rate, burst and quota per tier).</summary>
public sealed record UsagePlansConfig
{
    /// <summary>Require an API key on every signed-in and policy route; until then plans exist but meter nothing.</summary>
    public required bool RequireApiKey { get; init; }

    public required IReadOnlyDictionary<string, UsageTier> Tiers { get; init; }
}

public sealed record UsageTier
{
    public required double RateLimit { get; init; }
    public required int BurstLimit { get; init; }
    public required int QuotaPerDay { get; init; }
}

public sealed record AlarmsConfig
{
    /// <summary>Where alarm notifications go; none subscribes no one (the topic still exists).</summary>
    public string? Email { get; init; }

    /// <summary>Alarm when more than this percentage of requests fail with 5XX over 5 minutes.</summary>
    public required double Api5xxPercent { get; init; }

    /// <summary>Alarm when a web ACL blocks more than this many requests in 5 minutes.</summary>
    public required int WafBlockedPer5Minutes { get; init; }

    /// <summary>Alarm when API Gateway throttles (429) more than this many requests in 5 minutes.</summary>
    public required int ThrottledPer5Minutes { get; init; }
}

public sealed record UserPoolConfig
{
    /// <summary>A PascalCase name; it becomes part of construct ids, so renaming a pool replaces it.</summary>
    public required string Name { get; init; }

    public required bool SelfSignUp { get; init; }

    /// <summary>The groups this pool holds. The authorizer trusts a pool's token only for these groups.</summary>
    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>Second factor (TOTP) at sign-in: offered, or required of every user of the pool.</summary>
    public PoolMfa Mfa { get; init; } = PoolMfa.Optional;

    /// <summary>Whether the pool holds staff groups (employees, owners), who can write pets or administer.</summary>
    [JsonIgnore] public bool HoldsStaff => Groups.Any(g => g != PetStore.Contract.Groups.Customers);
}

public enum PoolMfa
{
    /// <summary>Users may add a TOTP authenticator; sign-in asks for it once they have.</summary>
    Optional,

    /// <summary>Every sign-in needs a TOTP code; a user without an authenticator registers one at first sign-in.</summary>
    Required,
}

public sealed record LambdaConfig
{
    public required LambdaArchitecture Architecture { get; init; }
    public required int MemorySizeMb { get; init; }
    public required int TimeoutSeconds { get; init; }

    /// <summary>Concurrency reserved for each function, or none (new accounts have too little to reserve).</summary>
    public int? ReservedConcurrency { get; init; }

    /// <summary>
    /// The authorizer's memory. Its cold start is CPU-bound and Lambda gives a full vCPU at 1,769 MB; it runs on
    /// few requests (policy routes, cache misses), so the extra memory costs little (docs/PERFORMANCE.md).
    /// </summary>
    public int AuthorizerMemorySizeMb { get; init; } = 1769;

    /// <summary>
    /// How the authorizer runs: its own custom runtime (self-contained, trimmed, precompiled; about twice as fast to
    /// start) or the managed dotnet10 runtime like the handlers, a fallback that needs no custom runtime.
    /// </summary>
    public AuthorizerRuntime AuthorizerRuntime { get; init; } = AuthorizerRuntime.Custom;
}

public sealed record AuthorizationConfig
{
    /// <summary>How long API Gateway caches the Lambda authorizer's decision per token, verb and route (0 turns caching off).</summary>
    public int CacheTtlSeconds { get; init; } = 120;

    /// <summary>How long the authorizer waits for Verified Permissions before failing closed.</summary>
    public int AvpTimeoutMs { get; init; } = 1500;
}

public enum SignUpConfirmationMode
{
    /// <summary>The API confirms new users at once (dev, demos).</summary>
    Auto,

    /// <summary>Cognito emails a code; the user confirms with Cognito's ConfirmSignUp.</summary>
    Email,
}

public enum ThreatProtectionMode
{
    Off,
    Audit,
    Enforced,
}

public enum LambdaArchitecture
{
    Arm64,
    X86_64,
}

public enum AuthorizerRuntime
{
    Custom,
    Managed,
}
