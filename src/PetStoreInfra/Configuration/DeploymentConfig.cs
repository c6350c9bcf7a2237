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

    /// <summary>The pool that POST /users registers into and POST /login signs in to.</summary>
    [JsonIgnore] public UserPoolConfig SignUpPool => UserPools.Single(p => p.SelfSignUp);
}

public sealed record ThrottlingConfig
{
    /// <summary>Steady-state requests per second for the stage.</summary>
    public required double RateLimit { get; init; }

    public required int BurstLimit { get; init; }
}

public sealed record UserPoolConfig
{
    /// <summary>A PascalCase name; it becomes part of construct ids, so renaming a pool replaces it.</summary>
    public required string Name { get; init; }

    public required bool SelfSignUp { get; init; }

    /// <summary>The groups this pool holds. The authorizer trusts a pool's token only for these groups.</summary>
    public required IReadOnlyList<string> Groups { get; init; }
}

public sealed record LambdaConfig
{
    public required LambdaArchitecture Architecture { get; init; }
    public required int MemorySizeMb { get; init; }
    public required int TimeoutSeconds { get; init; }
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
