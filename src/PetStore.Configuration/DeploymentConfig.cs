using System.Text.Json.Serialization;
using PetStore.Contract;

namespace PetStore.Configuration;

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

    public required SignUpConfirmation SignUpConfirmation { get; init; }

    /// <summary>Cognito threat protection. Anything but <c>off</c> needs the Plus feature plan.</summary>
    public required ThreatProtectionMode ThreatProtection { get; init; }

    public int AccessTokenValidityMinutes { get; init; } = 60;
    public int RefreshTokenValidityDays { get; init; } = 30;

    /// <summary>The user pools whose tokens the API accepts; exactly one has <c>selfSignUp</c> and backs POST /users and /login.</summary>
    public required IReadOnlyList<UserPoolConfig> UserPools { get; init; }

    /// <summary>OpenID Connect providers whose access tokens the API accepts besides the pools'.</summary>
    public IReadOnlyList<OidcProviderConfig> OidcProviders { get; init; } = [];

    /// <summary>The stores: pets belong to one, staff work in some, orders are placed in one (at least one).</summary>
    public required IReadOnlyList<StoreConfig> Stores { get; init; }

    /// <summary>The stores as the functions and the policies know them.</summary>
    [JsonIgnore] public IReadOnlyList<Store> StoreList => [.. Stores.Select(s => new Store(s.Id, s.Name))];

    public required LambdaConfig Lambda { get; init; }

    public AuthorizationConfig Authorization { get; init; } = new();

    public required PerimeterConfig Perimeter { get; init; }

    public required UsagePlansConfig UsagePlans { get; init; }

    public required AlarmsConfig Alarms { get; init; }

    /// <summary>CloudTrail's record of the policy store's decisions; off unless the environment turns it on.</summary>
    public AuditTrailConfig AuditTrail { get; init; } = new();

    /// <summary>The pool that POST /users registers into and POST /login signs in to.</summary>
    [JsonIgnore] public UserPoolConfig SignUpPool => UserPools.Single(p => p.SelfSignUp);
}
