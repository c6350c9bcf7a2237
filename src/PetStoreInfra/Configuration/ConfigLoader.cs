using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PetStore.Contract;

namespace PetStoreInfra.Configuration;

/// <summary>
/// Reads <c>environments.&lt;env&gt;</c> from CDK context (<c>cdk.json</c>, overridable with <c>-c</c>) into a
/// <see cref="DeploymentConfig"/>, strictly: unknown keys, missing keys and bad values are errors that name the key.
/// </summary>
public static partial class ConfigLoader
{
    public const string EnvironmentKey = "env";
    public const string EnvironmentsKey = "environments";
    public const string DefaultEnvironment = "dev";

    private static readonly int[] RetentionDays =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads the environment named by the <c>env</c> context key (default <c>dev</c>).</summary>
    public static DeploymentConfig FromContext(global::Constructs.Node node)
    {
        var name = node.TryGetContext(EnvironmentKey) as string ?? DefaultEnvironment;
        var environments = node.TryGetContext(EnvironmentsKey)
            ?? throw new ConfigurationException($"cdk.json: context key '{EnvironmentsKey}' is missing.");
        return Parse(ContextJson.ToJson(environments), name);
    }

    /// <summary>Parses <paramref name="environmentsJson"/> (the whole <c>environments</c> object) and picks <paramref name="name"/>.</summary>
    public static DeploymentConfig Parse(string environmentsJson, string name)
    {
        using var document = JsonDocument.Parse(environmentsJson);
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
            var at = e.Path is { Length: > 1 } path ? $"{EnvironmentsKey}.{name}{path[1..]}" : $"{EnvironmentsKey}.{name}";
            throw new ConfigurationException($"cdk.json: {at}: {e.Message}");
        }

        config = config with { Name = name };
        var problems = Problems(config).ToList();
        return problems.Count == 0
            ? config
            : throw new ConfigurationException(
                $"cdk.json: {EnvironmentsKey}.{name} is not valid:{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", problems)}");
    }

    private static IEnumerable<string> Problems(DeploymentConfig c)
    {
        if (!EnvironmentName().IsMatch(c.Name)) yield return $"the environment name '{c.Name}' must be lowercase letters and digits, starting with a letter";
        if (!StageName().IsMatch(c.StageName)) yield return "stageName must be 1-128 letters, digits, '-' or '_'";
        if (!RetentionDays.Contains(c.LogRetentionDays))
            yield return $"logRetentionDays must be one of CloudWatch Logs' values: {string.Join(", ", RetentionDays)}";
        if (c.Throttling.RateLimit <= 0) yield return "throttling.rateLimit must be greater than 0";
        if (c.Throttling.BurstLimit < 1) yield return "throttling.burstLimit must be at least 1";
        if (c.AccessTokenValidityMinutes is < 5 or > 1440) yield return "accessTokenValidityMinutes must be 5 to 1440";
        if (c.RefreshTokenValidityDays is < 1 or > 3650) yield return "refreshTokenValidityDays must be 1 to 3650";
        if (c.Lambda.MemorySizeMb is < 128 or > 10240) yield return "lambda.memorySizeMb must be 128 to 10240";
        if (c.Lambda.TimeoutSeconds is < 1 or > 29) yield return "lambda.timeoutSeconds must be 1 to 29 (API Gateway's integration limit)";

        if (c.Authorization.CacheTtlSeconds is < 0 or > 3600) yield return "authorization.cacheTtlSeconds must be 0 to 3600 (API Gateway's limit)";
        if (c.Authorization.AvpTimeoutMs is < 100 or > 5000)
            yield return "authorization.avpTimeoutMs must be 100 to 5000, well under API Gateway's 10 s authorizer limit";
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
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,15}$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex StageName();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{0,31}$")]
    private static partial Regex PoolName();
}
