using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PetStore.Contract;

namespace PetStore.Configuration;

/// <summary>
/// Reads <c>environments.&lt;env&gt;</c> (cdk.json's context; the CDK app reads it from CDK context, which <c>-c</c>
/// overrides) into a <see cref="DeploymentConfig"/>, strictly: unknown keys, missing keys and bad values are errors that
/// name the key.
/// </summary>
public static partial class ConfigLoader
{
    public const string EnvironmentKey = "env";
    public const string EnvironmentsKey = "environments";
    public const string DefaultEnvironment = "dev";

    /// <summary>Synth with 32 interactive keys fails inside the CDK's jsii kernel ("Malformed request"); 16 synthesizes.</summary>
    public const int MaxInteractiveKeys = 16;

    /// <summary>The most of the stage's rate and burst one API key's plan may allow.</summary>
    public const double MaxShareOfStage = 0.5;

    /// <summary>The edge web ACL's rate-based rules: per client IP, per person (token), and logins per client IP.</summary>
    public const int EdgeRateRules = 3;

    /// <summary>The AWS managed rule groups of the edge web ACL, in priority order.</summary>
    public static readonly IReadOnlyList<string> ManagedRuleGroups =
        ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads environment <paramref name="name"/> from a <c>cdk.json</c> file's <c>context.environments</c>.</summary>
    public static DeploymentConfig FromCdkJson(string cdkJsonPath, string name)
    {
        var text = File.ReadAllText(cdkJsonPath);
        using var cdkJson = ParseJson(text, cdkJsonPath);
        return cdkJson.RootElement.TryGetProperty("context", out var context) && context.TryGetProperty(EnvironmentsKey, out var environments)
            ? Parse(environments.GetRawText(), name, CdkJsonLines.Read(text))
            : throw new ConfigurationException($"{cdkJsonPath}: context key '{EnvironmentsKey}' is missing.");
    }

    /// <summary>
    /// Parses <paramref name="environmentsJson"/> (the whole <c>environments</c> object) and picks <paramref name="name"/>.
    /// With <paramref name="lines"/> (the cdk.json it came from), each error names its line.
    /// </summary>
    public static DeploymentConfig Parse(string environmentsJson, string name, CdkJsonLines? lines = null)
    {
        string At(string key) => lines?.LineOf($"context.{EnvironmentsKey}.{name}{(key.Length == 0 || key[0] == '[' ? "" : ".")}{key}") is { } line
            ? $"{lines.File}:{line}: " : "";
        using var document = ParseJson(environmentsJson, $"context '{EnvironmentsKey}' (from cdk.json or -c {EnvironmentsKey}=...)");
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new ConfigurationException($"cdk.json: context '{EnvironmentsKey}' must be an object keyed by environment name.");
        if (!document.RootElement.TryGetProperty(name, out var element))
        {
            var known = string.Join(", ", document.RootElement.EnumerateObject().Select(p => p.Name));
            throw new ConfigurationException($"cdk.json: environment '{name}' is not defined in '{EnvironmentsKey}' (defined: {known}). Pass -c {EnvironmentKey}=<name>.");
        }

        DeploymentConfig config;
        try
        {
            config = element.Deserialize<DeploymentConfig>(Options)
                ?? throw new ConfigurationException($"cdk.json: {EnvironmentsKey}.{name} must be an object.");
        }
        catch (JsonException e)
        {
            var key = e.Path is { Length: > 1 } path ? path[2..] : "";
            throw new ConfigurationException($"{(At(key) is { Length: > 0 } line ? line : "cdk.json: ")}{EnvironmentsKey}.{name}{(key.Length == 0 ? "" : ".")}{key}: {Describe(e)}");
        }

        config = config with { Name = name };
        var problems = Problems(config).ToList();
        return problems.Count == 0
            ? config
            : throw new ConfigurationException(
                $"cdk.json: {EnvironmentsKey}.{name} is not valid:{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", problems.Select(p => At(KeyOf(p)) + p))}");
    }

    /// <summary>The key a problem starts with (<c>lambda.memorySizeMb</c>, <c>userPools[1].tenants</c>), or "" for the environment itself.</summary>
    private static string KeyOf(string problem) => LeadingKey().Match(problem) is { Success: true } key ? key.Value : "";

    /// <summary>System.Text.Json's message, said in cdk.json's words and without its position in re-serialized text.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        var converted = ConvertedTo().Match(message);
        if (!converted.Success) return message;
        var type = converted.Groups[1].Value;
        return type switch
        {
            "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" => "must be a whole number",
            "System.Decimal" or "System.Double" => "must be a number",
            "System.Boolean" => "must be true or false",
            "System.String" => "must be a string",
            _ when type.StartsWith("System.Collections", StringComparison.Ordinal) || type.Contains("[]") => "must be an array or object of the documented shape",
            _ => $"is not a valid {type[(type.LastIndexOf('.') + 1)..]} (see docs/CONFIGURATION.md)",
        };
    }

    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*(\[[^\]]*\]|\.[a-z][A-Za-z0-9]*)*")]
    private static partial Regex LeadingKey();

    [GeneratedRegex(@"could not be converted to ([^.\s][^\s]*?)\.?$")]
    private static partial Regex ConvertedTo();

    private static JsonDocument ParseJson(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{what} is not valid JSON: {e.Message}");
        }
    }

    private static IEnumerable<string> Problems(DeploymentConfig c)
    {
        if (!EnvironmentName().IsMatch(c.Name)) yield return $"the environment name '{c.Name}' must be lowercase letters and digits, starting with a letter";
        if (!StageName().IsMatch(c.StageName)) yield return "stageName must be 1-128 letters, digits, '-' or '_'";
        if (!CloudWatchRetention.AllowedDays.Contains(c.LogRetentionDays))
            yield return $"logRetentionDays must be one of CloudWatch Logs' values: {string.Join(", ", CloudWatchRetention.AllowedDays)}";
        if (c.Throttling.RateLimit <= 0) yield return "throttling.rateLimit must be greater than 0";
        if (c.Throttling.BurstLimit < 1) yield return "throttling.burstLimit must be at least 1";
        if (c.AccessTokenValidityMinutes is < 5 or > 1440) yield return "accessTokenValidityMinutes must be 5 to 1440";
        if (c.RefreshTokenValidityDays is < 1 or > 3650) yield return "refreshTokenValidityDays must be 1 to 3650";
        if (c.Stores.Count == 0) yield return "stores must name at least one store";
        for (var i = 0; i < c.Stores.Count; i++)
        {
            if (!Store.IsValidId(c.Stores[i].Id)) yield return $"stores[{i}].id must be 1 to 32 lower-case letters, digits and '-', not '{c.Stores[i].Id}'";
            if (string.IsNullOrWhiteSpace(c.Stores[i].Name) || c.Stores[i].Name.Length > 64) yield return $"stores[{i}].name must be 1 to 64 characters";
        }
        foreach (var twice in c.Stores.GroupBy(s => s.Id).Where(g => g.Count() > 1)) yield return $"stores: '{twice.Key}' is named more than once";
        if (c.Lambda.MemorySizeMb is < 128 or > 10240) yield return "lambda.memorySizeMb must be 128 to 10240";
        if (c.Lambda.AuthorizerMemorySizeMb is < 128 or > 10240) yield return "lambda.authorizerMemorySizeMb must be 128 to 10240";
        if (c.Lambda.TimeoutSeconds is < 1 or > 29) yield return "lambda.timeoutSeconds must be 1 to 29 (API Gateway's integration limit)";

        if (c.Authorization.CacheTtlSeconds is < 0 or > 3600) yield return "authorization.cacheTtlSeconds must be 0 to 3600 (API Gateway's limit)";
        if (c.Authorization.AvpTimeoutMs is < 100 or > 5000)
            yield return "authorization.avpTimeoutMs must be 100 to 5000, well under API Gateway's 10 s authorizer limit";
        if (!RegionName().IsMatch(c.Region)) yield return $"region must be an AWS region such as eu-west-1, not '{c.Region}'";
        foreach (var (key, throttle) in c.Throttling.Methods)
        {
            if (!RouteTable.All.Any(r => $"{r.Method} {r.Path}" == key))
                yield return $"throttling.methods: '{key}' is not a route (use the route table's \"METHOD /path\", e.g. \"POST /pets\")";
            if (throttle.RateLimit <= 0 || throttle.BurstLimit < 1) yield return $"throttling.methods['{key}'] needs rateLimit > 0 and burstLimit >= 1";
        }
        if (c.Lambda.ReservedConcurrency is < 1) yield return "lambda.reservedConcurrency must be at least 1 (or null for none)";

        var perimeter = c.Perimeter;
        if (perimeter.RateLimitPer5Minutes < 10) yield return "perimeter.rateLimitPer5Minutes must be at least 10 (AWS WAF's minimum)";
        foreach (var group in perimeter.CountOnlyRules.Keys.Where(g => !ManagedRuleGroups.Contains(g)))
            yield return $"perimeter.countOnlyRules: '{group}' is not one of the web ACL's managed rule groups ({string.Join(", ", ManagedRuleGroups)})";
        if (perimeter.PriceClass is not ("PriceClass_100" or "PriceClass_200" or "PriceClass_All"))
            yield return "perimeter.priceClass must be PriceClass_100, PriceClass_200 or PriceClass_All";
        foreach (var country in perimeter.AllowedCountries.Where(code => !CountryCode().IsMatch(code)))
            yield return $"perimeter.allowedCountries: '{country}' is not an ISO 3166 alpha-2 code";
        if ((perimeter.DomainName is null) != (perimeter.CertificateArn is null))
            yield return "perimeter.domainName and perimeter.certificateArn go together: give both or neither";
        if (perimeter.CertificateArn is { } arn && !arn.StartsWith("arn:aws:acm:us-east-1:", StringComparison.Ordinal))
            yield return "perimeter.certificateArn must be an ACM certificate in us-east-1 (CloudFront's requirement)";
        if (perimeter.PersonRateLimit.Limit < 10) yield return "perimeter.personRateLimit.limit must be at least 10 (WAF's minimum)";
        if (!PersonRateLimit.Windows.Contains(perimeter.PersonRateLimit.WindowSeconds))
            yield return $"perimeter.personRateLimit.windowSeconds must be one of {string.Join(", ", PersonRateLimit.Windows)} (WAF's evaluation windows)";
        if (perimeter.LoginRateLimitPer5Minutes < 10) yield return "perimeter.loginRateLimitPer5Minutes must be at least 10 (WAF's minimum)";
        // A tenant's token meets the per-person rule too: it must not cap a tenant below what its tier sells.
        if (c.UsagePlans.Tiers.Where(t => t.Key != c.UsagePlans.InteractiveTier).Select(t => t.Value.RateLimit).DefaultIfEmpty(0).Max() is var fastest
            && perimeter.PersonRateLimit.Limit < fastest * perimeter.PersonRateLimit.WindowSeconds)
            yield return $"perimeter.personRateLimit: {perimeter.PersonRateLimit.Limit} per {perimeter.PersonRateLimit.WindowSeconds} s is below the fastest tenant tier's " +
                $"{fastest} requests/s, and a tenant's token meets the per-person rule too: allow at least {fastest * perimeter.PersonRateLimit.WindowSeconds:0}";
        if (perimeter.OriginSecret.Active is not ("a" or "b")) yield return "perimeter.originSecret.active must be \"a\" or \"b\"";
        if (perimeter.OriginSecret.GenerationA < 1 || perimeter.OriginSecret.GenerationB < 1)
            yield return "perimeter.originSecret generations must be at least 1";

        if (c.Authorization.SignedInCacheTtlSeconds is < 0 or > 3600) yield return "authorization.signedInCacheTtlSeconds must be 0 to 3600 (API Gateway's limit)";
        if (c.Authorization.TenantCacheSeconds is < 1 or > 300)
            yield return "authorization.tenantCacheSeconds must be 1 to 300: a suspended tenant is refused within it, and a registry outage is never an allow";

        if (c.UsagePlans.Tiers.Count == 0) yield return "usagePlans.tiers must define at least one tier";
        if (!c.UsagePlans.Tiers.ContainsKey(c.UsagePlans.InteractiveTier))
            yield return $"usagePlans.interactiveTier: '{c.UsagePlans.InteractiveTier}' is not one of usagePlans.tiers ({string.Join(", ", c.UsagePlans.Tiers.Keys)})";
        foreach (var (route, limit) in c.Throttling.Methods.Where(m => m.Value.BurstLimit < 2))
            yield return $"throttling.methods['{route}'].burstLimit must be at least 2: each key may take at most half of it";
        foreach (var (name, tier) in c.UsagePlans.Tiers)
        {
            if (!TierName().IsMatch(name)) yield return $"usagePlans.tiers: '{name}' must be lowercase letters";
            if (tier.RateLimit <= 0 || tier.BurstLimit < 1 || tier.QuotaPerDay < 1)
                yield return $"usagePlans.tiers.{name} needs rateLimit > 0, burstLimit >= 1 and, if set, quotaPerDay >= 1";
            // A key's bucket must be a share of each shared one: else one caller's flood empties the stage for all.
            if (tier.RateLimit > c.Throttling.RateLimit * MaxShareOfStage || tier.BurstLimit > c.Throttling.BurstLimit * MaxShareOfStage)
                yield return $"usagePlans.tiers.{name}: rateLimit {tier.RateLimit} and burstLimit {tier.BurstLimit} are per API key and must be at most " +
                    $"{MaxShareOfStage:P0} of throttling's ({c.Throttling.RateLimit}, {c.Throttling.BurstLimit}), the stage's bucket every caller shares: one key must not empty it";
        }
        if (c.UsagePlans.Tiers.TryGetValue(c.UsagePlans.InteractiveTier, out var interactive) && interactive.QuotaPerDay is not null)
            yield return $"usagePlans.tiers.{c.UsagePlans.InteractiveTier}.quotaPerDay: the interactive tier's keys are shared by people, so one person " +
                "could use up a quota for everyone on their key until midnight UTC; remove it (a person's rate is limited per key and at the edge: docs/CONFIGURATION.md, \"Limits\")";
        if (c.UsagePlans.InteractiveKeys is < 1 or > MaxInteractiveKeys)
            yield return $"usagePlans.interactiveKeys must be 1 to {MaxInteractiveKeys} (each is an API key; with more, the CDK's jsii runtime 2.160 fails during synth)";

        if (c.Alarms.Email is { } email && !email.Contains('@')) yield return "alarms.email must be an email address";
        if (c.Alarms.Api5xxPercent is <= 0 or > 100) yield return "alarms.api5xxPercent must be above 0 and at most 100";
        if (c.Alarms.WafBlockedPer5Minutes < 1) yield return "alarms.wafBlockedPer5Minutes must be at least 1";
        if (c.Alarms.ThrottledPer5Minutes < 1) yield return "alarms.throttledPer5Minutes must be at least 1";
        if (c.AuditTrail.RetentionDays is < 1 or > AuditTrailConfig.MaxRetentionDays)
            yield return $"auditTrail.retentionDays must be 1 to {AuditTrailConfig.MaxRetentionDays}: log files are locked that long and cannot be deleted sooner";

        if (c.UserPools.Count == 0) yield return "userPools must name at least one pool";
        var selfSignUp = c.UserPools.Count(p => p.SelfSignUp);
        if (selfSignUp != 1) yield return $"exactly one of userPools must have selfSignUp: true (found {selfSignUp})";
        foreach (var duplicate in c.UserPools.GroupBy(p => p.Name).Where(g => g.Count() > 1))
            yield return $"userPools names must be unique ('{duplicate.Key}' repeats)";
        for (var i = 0; i < c.UserPools.Count; i++)
        {
            var pool = c.UserPools[i];
            if (!PoolName().IsMatch(pool.Name)) yield return $"userPools[{i}].name must be PascalCase letters and digits, at most 32";
            if (pool.Groups.Count == 0) yield return $"userPools[{i}].groups must name at least one group";
            foreach (var group in pool.Groups.Where(g => !Groups.All.Contains(g)))
                yield return $"userPools[{i}].groups: '{group}' is not one of {string.Join(", ", Groups.All)}";
            if (pool.SelfSignUp && !pool.Groups.Contains(Groups.Customers))
                yield return $"userPools[{i}] has selfSignUp, so its groups must include '{Groups.Customers}' (new users join it)";
            if (pool.Tenants is { } tenants && !DomainPrefix().IsMatch(tenants.DomainPrefix))
                yield return $"userPools[{i}].tenants.domainPrefix must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen";
            if (c.RetainData && pool.HoldsStaff && pool.Mfa != PoolMfa.Required)
                yield return $"userPools[{i}] holds staff groups ({string.Join(", ", pool.Groups.Where(g => g != Groups.Customers))}) in an environment " +
                    "with retainData: true, so it needs mfa: required (put staff in their own pool without selfSignUp)";
        }

        for (var i = 0; i < c.OidcProviders.Count; i++)
        {
            var provider = c.OidcProviders[i];
            if (!PoolName().IsMatch(provider.Name)) yield return $"oidcProviders[{i}].name must be PascalCase letters and digits, at most 32";
            foreach (var problem in provider.ToTrustedIssuer().Problems($"oidcProviders[{i}]")) yield return problem;
        }
        foreach (var name in c.UserPools.Select(p => p.Name).Intersect(c.OidcProviders.Select(p => p.Name)))
            yield return $"'{name}' names both a user pool and an OIDC provider; the Cedar principal's provider must say which";
        foreach (var issuer in c.OidcProviders.GroupBy(p => p.Issuer).Where(g => g.Count() > 1))
            yield return $"oidcProviders: the issuer '{issuer.Key}' is configured more than once";
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DomainPrefix();

    [GeneratedRegex("^[a-z][a-z0-9]{0,15}$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex StageName();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{0,31}$")]
    private static partial Regex PoolName();

    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[a-z]{1,32}$")]
    private static partial Regex TierName();
}
